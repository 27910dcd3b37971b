/** The forecasters' maths: windowed statistics over a history, the lead features and the interval calibration. */
@NullMarked
package io.aihub.topology.forecast.internal;

import org.jspecify.annotations.NullMarked;
