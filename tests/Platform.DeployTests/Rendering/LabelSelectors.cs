using k8s.Models;

namespace Platform.DeployTests.Rendering;

public static class LabelSelectors
{
    /// <summary>Kubernetes' semantics: every matchLabels pair and every expression must hold; an empty selector selects all.</summary>
    public static bool Selects(this V1LabelSelector selector, IDictionary<string, string> labels) =>
        (selector.MatchLabels ?? new Dictionary<string, string>()).All(label => labels.TryGetValue(label.Key, out var value) && value == label.Value)
        && (selector.MatchExpressions ?? []).All(expression => expression.OperatorProperty switch
        {
            "In" => labels.TryGetValue(expression.Key, out var value) && expression.Values.Contains(value),
            "NotIn" => !labels.TryGetValue(expression.Key, out var value) || !expression.Values.Contains(value),
            "Exists" => labels.ContainsKey(expression.Key),
            "DoesNotExist" => !labels.ContainsKey(expression.Key),
            _ => throw new InvalidOperationException($"unknown selector operator {expression.OperatorProperty}"),
        });
}
