/**
 * The model registry's REST facade: {@code /ai/models/*}. Changes go as commands through Kafka to the registry's
 * single writer per model name; reads come from this instance's global store of the {@code model-registry} topic;
 * artifacts live in S3.
 */
@NullMarked
package io.aihub.services.registry;

import org.jspecify.annotations.NullMarked;
