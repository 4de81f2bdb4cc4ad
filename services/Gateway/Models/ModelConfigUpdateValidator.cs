using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.Models;

/// <summary>Checks `PUT /config/models/{model_id}` before the registry does (it checks the resulting model).</summary>
public sealed class ModelConfigUpdateValidator : IRequestValidator<ModelConfigUpdate>
{
    public ValueTask<IReadOnlyList<ValidationProblem>> ValidateAsync(ModelConfigUpdate update, CancellationToken cancellationToken) =>
        new(ValidationProblem.Of(update.ModelType is not null && update.Provider is not null && update.ModelType != update.Provider
            ? $"model_type '{update.ModelType}' and provider '{update.Provider}' differ; give one of them"
            : null));
}
