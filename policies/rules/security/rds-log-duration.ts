import { rdsLoggingParameter } from "./rds-parameter";

/** An RDS instance logs how long each statement takes (parameter `log_duration` on, or SQL audit enabled). */
export const rdsLogDuration = rdsLoggingParameter("log_duration", "statement durations");
