package io.aihub.services.registry;

import io.aihub.schemas.ModelFamily;
import io.aihub.schemas.ModelStage;
import io.aihub.schemas.ModelVersion;
import io.aihub.services.api.NotFoundException;
import io.aihub.services.api.ProblemException;
import io.aihub.services.query.StoreUnavailableException;
import io.aihub.topology.forecast.QuantileGbmForecaster;
import io.aihub.topology.models.ModelArtifactException;
import io.aihub.topology.models.ModelLoadException;
import io.aihub.topology.models.ModelRef;
import io.aihub.topology.models.QuantileForecastModel;
import io.aihub.topology.models.TrainedModel;
import io.aihub.topology.registry.ModelId;
import io.aihub.topology.registry.ProductionModels;
import java.util.Comparator;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The registered models other features use (explanations): a version resolved from the registry's global store and
 * its trained model, loaded through the stream's model cache (checked, loaded once per instance).
 *
 * <p>"Latest" follows the registry's stages: the model name's {@code production} version; if none is in production,
 * the highest-numbered {@code staging} version. Archived versions are used only when named.
 */
@Component
public class RegisteredModels {

    /** The version name that asks for the latest version. */
    public static final String LATEST = "latest";

    private static final Comparator<ModelVersion> BY_NUMBER =
            Comparator.comparing(ModelVersion::getVersion, ModelId.VERSION_ORDER);

    private final RegistryView view;
    private final ProductionModels stream;

    /** Loads through the stream's models: its cache and its S3 loader. */
    RegisteredModels(RegistryView view, ProductionModels stream) {
        this.view = view;
        this.stream = stream;
    }

    /** A registered version with its id. */
    public record Registered(ModelId id, ModelVersion version) {}

    /**
     * The version of the tenant's model: the named one, or the latest (see the class comment) when {@code version}
     * is null or {@value #LATEST}.
     *
     * @throws NotFoundException if the tenant has no such model or version
     */
    public Registered resolve(String tenantId, String modelName, @Nullable String version) {
        ModelFamily family = view.family(tenantId, modelName)
                .orElseThrow(() -> new NotFoundException(
                        "Model not found", "tenant " + tenantId + " has no model named " + modelName));
        Optional<ModelVersion> found;
        if (version == null || version.equals(LATEST)) {
            found = latest(family, ModelStage.production).or(() -> latest(family, ModelStage.staging));
            if (found.isEmpty()) {
                throw new NotFoundException(
                        "Model not found",
                        "model " + tenantId + ":" + modelName
                                + " has no production or staging version; name an archived one in model_version");
            }
        } else {
            found = family.getVersions().stream()
                    .filter(v -> v.getVersion().equals(version))
                    .findFirst();
        }
        ModelVersion model = found.orElseThrow(() -> new NotFoundException(
                "Model not found", "Model " + tenantId + ":" + modelName + ":" + version + " not found"));
        return new Registered(new ModelId(tenantId, modelName, model.getVersion()), model);
    }

    /**
     * The trained model of a version, from the cache or its artifact in S3.
     *
     * @throws ProblemException 422 if the artifact is not in the product's format or cannot be read
     * @throws StoreUnavailableException if the artifact cannot be fetched now
     */
    public TrainedModel load(Registered model) {
        ModelVersion version = model.version();
        if (version.getArtifactKind() == null) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Model cannot be used",
                    "the artifact of " + model.id() + " is not in the product's model format (opaque upload)",
                    "model_name");
        }
        var ref = new ModelRef(model.id().toString(), version.getArtifactSha256(), version.getArtifactSize());
        try {
            return stream.cache().get(ref, stream.loader());
        } catch (ModelArtifactException e) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Model cannot be used",
                    "the artifact of " + model.id() + " cannot be read: " + e.getMessage(),
                    "model_name",
                    e);
        } catch (ModelLoadException e) {
            throw new StoreUnavailableException(
                    "Model unavailable", "cannot load the artifact of " + model.id() + ": " + e.getMessage(), 5, e);
        }
    }

    /**
     * The trained forecaster of a version.
     *
     * @throws ProblemException 422 naming {@code model_name} if the model is not a {@code quantile_gbm} forecaster
     */
    public QuantileGbmForecaster forecaster(Registered model) {
        if (load(model) instanceof QuantileForecastModel quantiles && QuantileGbmForecaster.accepts(quantiles)) {
            return QuantileGbmForecaster.of(quantiles);
        }
        throw new ProblemException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "Model cannot be used",
                "model " + model.id() + " (kind " + model.version().getArtifactKind() + ") is not a "
                        + QuantileGbmForecaster.NAME + " forecaster: train one with POST /ml/forecasts/train/{device}",
                "model_name");
    }

    /**
     * The forecaster the stream uses for a series, if any: its tenant's most specific production forecast model that
     * applies to it and loads (as {@link io.aihub.topology.forecast.ForecastTopology} picks it).
     */
    public Optional<Forecasting> productionForecaster(String tenantId, String assetId, String metric) {
        for (ProductionModels.ProductionModel candidate : view.productionForecastModels(tenantId)) {
            if (!candidate.appliesTo(assetId, metric)) {
                continue;
            }
            try {
                if (stream.load(candidate) instanceof QuantileForecastModel quantiles
                        && QuantileGbmForecaster.accepts(quantiles)) {
                    return Optional.of(new Forecasting(
                            new Registered(candidate.id(), candidate.version()), QuantileGbmForecaster.of(quantiles)));
                }
            } catch (RuntimeException unusable) {
                // skipped, as the stream skips a model it cannot load
            }
        }
        return Optional.empty();
    }

    /** A registered version and its forecaster. */
    public record Forecasting(Registered model, QuantileGbmForecaster forecaster) {}

    private static Optional<ModelVersion> latest(ModelFamily family, ModelStage stage) {
        return family.getVersions().stream().filter(v -> v.getStage() == stage).max(BY_NUMBER);
    }
}
