-- FailSafe cmgr fields: which `set FIELD to VALUE` each object kind knows,
-- the value's type, its default and where it lands in the OCF model.
--
-- Most field names in the spec are inferred (IRIX FailSafe 2 manuals), so
-- they live here: correcting a name is changing one key. A field that is in
-- no table is kept as a FailSafe extension (with a warning) and written back.
--
-- Entry fields:
--   type    "string" | "integer" | "boolean" | "enum" | "nodes"
--           (nodes: blank-separated node names, in order)
--   values  enum: the allowed words
--   default value FailSafe assumes when the field is not set (for documentation
--           and for export, which leaves out a field equal to its default)
--   model   where the value goes; the prefix is read by the importer of that
--           object kind:
--             attribute:NAME   node / channel attribute NAME
--             property:NAME    cluster property NAME
--             timing:FIELD     cluster timing (keepalive_ms, dead_ms, ...), ms
--             id, heartbeat, control, priority, order, restart_mode,
--             restart_count, timeout, interval, op_attribute:NAME,
--             data_type, default_value, attribute, script, domain,
--             failover_policy   (kind-specific, see import.cc)
--   secret  true: the value never appears in a message
--   repeated true: each `set` adds a value instead of replacing it
return {
  node_fields = {
    hostname = { type = "string", model = "attribute:hostname" },
    nodeid = { type = "integer", model = "id" },
    sysctrl_type = { type = "enum", values = { "msc", "mmsc", "chalL" },
                     model = "attribute:sysctrl_type" },
    sysctrl_password = { type = "string", secret = true, model = "attribute:sysctrl_password" },
    sysctrl_status = { type = "enum", values = { "enabled", "disabled" },
                       model = "attribute:sysctrl_status" },
    sysctrl_owner = { type = "string", model = "attribute:sysctrl_owner" },
    sysctrl_device = { type = "string", model = "attribute:sysctrl_device" },
    sysctrl_owner_type = { type = "string", model = "attribute:sysctrl_owner_type" },
  },
  nic_fields = {
    heartbeat = { type = "boolean", default = "true", model = "heartbeat" },
    ctrl_msgs = { type = "boolean", default = "true", model = "control" },
    priority = { type = "integer", model = "priority" },
  },
  cluster_fields = {
    notify_cmd = { type = "string", model = "property:notify_cmd" },
    notify_addr = { type = "string", model = "property:notify_addr" },
    ha_mode = { type = "enum", values = { "normal", "experimental" }, default = "normal",
                model = "property:ha_mode" },
  },
  ha_parameters_fields = {
    node_timeout = { type = "integer", model = "timing:dead_ms" },
    heartbeat = { type = "integer", model = "timing:keepalive_ms" },
    run_pwrfail = { type = "boolean", model = "property:run_pwrfail" },
    tie_breaker = { type = "string", model = "property:tie_breaker" },
  },
  resource_type_fields = {
    order = { type = "integer", model = "order" },
    restart_mode = { type = "enum", values = { "0", "1" }, default = "0", model = "restart_mode" },
    restart_count = { type = "integer", model = "restart_count" },
  },
  action_fields = {
    exec_time = { type = "integer", model = "timeout" },
    monitor_interval = { type = "integer", model = "interval" },
    monitor_time = { type = "integer", model = "op_attribute:start-delay" },
  },
  type_attribute_fields = {
    data_type = { type = "enum", values = { "string", "integer" }, default = "string",
                  model = "data_type" },
    default_value = { type = "string", model = "default_value" },
  },
  failover_policy_fields = {
    attribute = { type = "string", repeated = true, model = "attribute" },
    script = { type = "string", model = "script" },
    domain = { type = "nodes", model = "domain" },
  },
  resource_group_fields = {
    failover_policy = { type = "string", model = "failover_policy" },
  },
}
