/** SQLite's limit on values bound to one statement (PostgreSQL allows 65535): bigger batches are split. */
export const MAX_BOUND_PARAMETERS = 32_766;
