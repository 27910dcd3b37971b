/** A Connect converter that reads the topics' Avro values through the project's Apicurio serde. */
@NullMarked
package io.aihub.connectors.avro;

import org.jspecify.annotations.NullMarked;
