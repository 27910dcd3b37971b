package io.aihub.connectors.postgres.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One row to upsert: the values of the table's natural primary key (rows with equal keys within one batch are
 * collapsed, the last wins, as a re-delivered record replaces the earlier one) and the statement's parameters in the
 * order of {@link Table#columns()}.
 */
public record Row(Table table, List<Object> key, List<@Nullable Object> params) {}
