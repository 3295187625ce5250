/** The classes of data the stacks tag their resources with (`data-class`), and an export names. */
export const DATA_CLASSES: readonly string[] = ["personal-information", "important-data", "operational-logs"];
