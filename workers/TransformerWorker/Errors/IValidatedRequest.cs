namespace Platform.TransformerWorker.Errors;

/// <summary>A request body that can say what is wrong with it.</summary>
public interface IValidatedRequest
{
    /// <summary>The first problem, in words for the client, or null when the request is valid.</summary>
    string? FirstError();
}
