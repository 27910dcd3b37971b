/**
 * Single-machine mode: an in-process KRaft broker, the Apicurio Registry server as a child process, a replay of
 * the demo data shipped in the repository, and the launcher that wires them to the application.
 */
@NullMarked
package io.aihub.services.standalone;

import org.jspecify.annotations.NullMarked;
