package io.aihub.topology.features.internal;

import io.aihub.schemas.WeatherObservation;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Weather store values: the six fields (temperature, humidity, solar_irradiance, wind_speed, cloud_cover,
 * precipitation) as 8-byte doubles, NaN for null.
 */
public final class WeatherCodec {

    private WeatherCodec() {}

    public static double[] fields(WeatherObservation o) {
        return new double[] {
            orNaN(o.getTemperature()),
            orNaN(o.getHumidity()),
            orNaN(o.getSolarIrradiance()),
            orNaN(o.getWindSpeed()),
            orNaN(o.getCloudCover()),
            orNaN(o.getPrecipitation())
        };
    }

    public static byte[] encode(double[] fields) {
        var buf = ByteBuffer.allocate(8 * Feature.WEATHER_COUNT);
        for (double f : fields) {
            buf.putDouble(f);
        }
        return buf.array();
    }

    public static double[] decode(byte[] bytes) {
        var buf = ByteBuffer.wrap(bytes);
        double[] out = new double[Feature.WEATHER_COUNT];
        for (int i = 0; i < out.length; i++) {
            out[i] = buf.getDouble();
        }
        return out;
    }

    private static double orNaN(@Nullable Double d) {
        return d == null ? Double.NaN : d;
    }
}
