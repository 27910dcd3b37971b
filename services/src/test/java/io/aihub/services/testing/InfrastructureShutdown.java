package io.aihub.services.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the {@link SharedInfrastructure} when the JUnit launcher session ends, before the test JVM exits: a broker
 * stopped in a shutdown hook races the other hooks of the JVM.
 */
public final class InfrastructureShutdown implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SharedInfrastructure.stopAll();
    }
}
