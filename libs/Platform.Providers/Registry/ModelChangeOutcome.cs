namespace Platform.Providers.Registry;

public enum ModelChangeOutcome
{
    Created,
    Updated,
    NotFound,
    Invalid,
}
