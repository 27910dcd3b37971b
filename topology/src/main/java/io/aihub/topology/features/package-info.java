@NullMarked
package io.aihub.topology.features;

import org.jspecify.annotations.NullMarked;
