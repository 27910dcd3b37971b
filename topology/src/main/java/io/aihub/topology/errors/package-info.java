@NullMarked
package io.aihub.topology.errors;

import org.jspecify.annotations.NullMarked;
