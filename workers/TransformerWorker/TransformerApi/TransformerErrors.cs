using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.TransformerWorker.TransformerApi;

/// <summary>Seed 002's error codes, each with its HTTP status.</summary>
public static class TransformerErrors
{
    public const string ModelNotInitialized = "MODEL_NOT_INITIALIZED";
    public const string InvalidInput = "INVALID_INPUT";
    public const string SequenceTooLong = "SEQUENCE_TOO_LONG";
    public const string InferenceError = "INFERENCE_ERROR";
    public const string ConfigError = "CONFIG_ERROR";

    /// <summary>Not one of the seed's codes: the seed has no limit on concurrent forward passes.</summary>
    public const string ServerBusy = "SERVER_BUSY";

    public static JsonHttpResult<TransformerError> NotInitialized(TimeProvider time) =>
        Error(time, StatusCodes.Status400BadRequest, ModelNotInitialized, "模型未初始化: 请先调用 /initialize");

    public static JsonHttpResult<TransformerError> Invalid(TimeProvider time, string detail) => Error(time, StatusCodes.Status400BadRequest, InvalidInput, detail);

    public static JsonHttpResult<TransformerError> TooLong(TimeProvider time, int length, int contextSize) =>
        Error(time, StatusCodes.Status400BadRequest, SequenceTooLong, $"输入序列长度 {length} 超过了模型最大长度 {contextSize}");

    public static JsonHttpResult<TransformerError> InferenceFailed(TimeProvider time, string reason) =>
        Error(time, StatusCodes.Status500InternalServerError, InferenceError, $"推理失败: {reason}");

    public static JsonHttpResult<TransformerError> BadConfig(TimeProvider time, string reason) =>
        Error(time, StatusCodes.Status400BadRequest, ConfigError, $"配置参数无效: {reason}");

    public static JsonHttpResult<TransformerError> Busy(TimeProvider time, string detail) => Error(time, StatusCodes.Status429TooManyRequests, ServerBusy, detail);

    public static JsonHttpResult<TransformerError> Error(TimeProvider time, int status, string code, string detail) =>
        TypedResults.Json(new TransformerError(detail, code, time.GetUtcNow().UtcDateTime), statusCode: status);
}
