import { rdsLoggingParameter } from "./rds-parameter";

/** An RDS instance logs connections (parameter `log_connections` on, or SQL audit enabled). */
export const rdsLogConnections = rdsLoggingParameter("log_connections", "connections");
