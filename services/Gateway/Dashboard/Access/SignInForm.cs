namespace Platform.Gateway.Dashboard.Access;

/// <summary>The sign-in page's form: a platform API key and the page to return to.</summary>
public sealed class SignInForm
{
    public string? ApiKey { get; set; }

    public string? ReturnUrl { get; set; }
}
