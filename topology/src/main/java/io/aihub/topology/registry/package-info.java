/**
 * The model registry's stream side: commands in, one writer per model name, the compacted {@code model-registry}
 * topic out, and global stores through which every instance (and every processor) sees the registry.
 */
@NullMarked
package io.aihub.topology.registry;

import org.jspecify.annotations.NullMarked;
