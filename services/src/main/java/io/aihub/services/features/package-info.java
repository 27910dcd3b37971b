/** Online features: the feature stream's lifecycle and the /ai/features endpoints answered from interactive queries. */
@NullMarked
package io.aihub.services.features;

import org.jspecify.annotations.NullMarked;
