using Platform.Providers.Registry;
using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.Models;

/// <summary>Checks `PUT /config/load-balancing`: a known strategy, thresholds in range, weights of 0 or more.</summary>
public sealed class LoadBalancingUpdateValidator : IRequestValidator<LoadBalancingUpdate>
{
    public const int MaxHealthCheckIntervalSeconds = 3600;
    public const int MaxThreshold = 100;

    public ValueTask<IReadOnlyList<ValidationProblem>> ValidateAsync(LoadBalancingUpdate update, CancellationToken cancellationToken) =>
        new(ValidationProblem.Of(Validate(update)));

    private static List<string> Validate(LoadBalancingUpdate update)
    {
        var errors = new List<string>();
        if (update.Strategy is not null && BalancingStrategyNames.Parse(update.Strategy) is null)
        {
            errors.Add($"strategy '{update.Strategy}' is unknown; use one of {string.Join(", ", BalancingStrategyNames.All)}");
        }

        InRange(errors, "health_check_interval", update.HealthCheckInterval, 1, MaxHealthCheckIntervalSeconds);
        InRange(errors, "failure_threshold", update.FailureThreshold, 1, MaxThreshold);
        InRange(errors, "recovery_threshold", update.RecoveryThreshold, 1, MaxThreshold);
        foreach (var (model, weight) in update.Weights ?? new Dictionary<string, double>())
        {
            if (string.IsNullOrWhiteSpace(model) || !double.IsFinite(weight) || weight < 0)
            {
                errors.Add($"weights['{model}'] must name a model and be a number of 0 or more, got {weight}");
            }
        }

        return errors;
    }

    private static void InRange(List<string> errors, string field, int? value, int min, int max)
    {
        if (value is { } given && (given < min || given > max))
        {
            errors.Add($"{field} must be between {min} and {max}, got {given}");
        }
    }
}
