-- heartbeat media written for channels that lack something heartbeat needs.
--
-- Other products describe a network channel per node by the node's address
-- alone (FailSafe's nic, Kimberlite's net chan), while heartbeat's
-- `ucast IFACE PEER` also names the interface to send on. The writer then
-- writes one `ucast` per node address on this interface (heartbeat ignores
-- a ucast to its own address, so every node can share the same ha.cf) and
-- warns that it did. A model with no channel heartbeat can use at all (a
-- FailSafe or Kimberlite configuration whose media did not carry over) gets
-- one `bcast` on this interface, with a warning, since heartbeat will not
-- start without a medium. A site whose cluster network is on another interface
-- sets its own in a --quirks file:
--
--   return { media = { default_interface = "bond0" } }
--
-- Remove the entry (nil) to have such channels reported as lost instead.

return {
  media = {
    default_interface = "eth0",
  },
}
