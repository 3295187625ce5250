import { rdsLoggingParameter } from "./rds-parameter";

/** An RDS instance logs disconnections (parameter `log_disconnections` on, or SQL audit enabled). */
export const rdsLogDisconnections = rdsLoggingParameter(
  "log_disconnections",
  "disconnections and session lengths",
);
