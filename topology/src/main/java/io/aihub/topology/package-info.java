@NullMarked
package io.aihub.topology;

import org.jspecify.annotations.NullMarked;
