/** Row mapping, batched upserts, SQL error classification, migrations and retention of the PostgreSQL sink. */
@NullMarked
package io.aihub.connectors.postgres.internal;

import org.jspecify.annotations.NullMarked;
