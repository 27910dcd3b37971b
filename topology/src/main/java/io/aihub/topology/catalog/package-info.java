@NullMarked
package io.aihub.topology.catalog;

import org.jspecify.annotations.NullMarked;
