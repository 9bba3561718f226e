-- FailSafe failover policies: scripts and attributes, and what they mean
-- in the OCF model's FailoverPolicy.
return {
  -- Shipped failover scripts (/usr/lib/failsafe/policies/). A script not
  -- listed is site-defined: the group is placed as `ordered` and the script
  -- name is kept for the way back.
  failover_scripts = {
    ordered = { mode = "ordered" },
    ["round-robin"] = { mode = "round-robin" },
  },
  -- Policy attributes. `choice` groups attributes of which a policy takes
  -- exactly one (`required = true`) or at most one. Attributes not listed
  -- (Critical_RG, Node_Failures_Only, site strings) pass through in
  -- FailoverPolicy.attributes.
  failover_attributes = {
    Auto_Failback = { failback = "automatic", choice = "failback", required = true },
    Controlled_Failback = { failback = "manual", choice = "failback", required = true },
    Auto_Recovery = { flag = "auto_recovery", choice = "recovery" },
    InPlace_Recovery = { flag = "in_place_recovery", choice = "recovery" },
  },
  -- Action scripts -> OCF operation names. `exclusive` proves a resource
  -- runs nowhere before a group starts: the OCF probe.
  actions = {
    start = { op = "start" },
    stop = { op = "stop" },
    monitor = { op = "monitor" },
    restart = { op = "restart" },
    exclusive = { op = "probe" },
    probe = { op = "failsafe-probe" },
  },
}
