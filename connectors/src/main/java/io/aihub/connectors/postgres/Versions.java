package io.aihub.connectors.postgres;

/** The connector's version, as Connect reports it for the plugin. */
final class Versions {

    static final String VERSION = versionOf(Versions.class.getPackage().getImplementationVersion());

    private Versions() {}

    private static String versionOf(String implementationVersion) {
        return implementationVersion != null ? implementationVersion : "0.1.0-SNAPSHOT";
    }
}
