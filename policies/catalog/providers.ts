/** The provider whose resources the catalog can place: Alibaba Cloud. */
export const ALICLOUD = "alicloud";

/** Providers that create nothing anywhere: their resources live only in Terraform state. */
export const LOCATION_FREE_PROVIDERS: ReadonlySet<string> = new Set([
  "random",
  "null",
  "time",
  "tls",
  "local",
  "archive",
  "terraform",
]);
