namespace Microsoft.ML.LocalFlow.Numerics.Optim;

/// <summary>Argument checks shared by the schedules and optimizers.</summary>
internal static class ScheduleChecks
{
    public static float Positive(float value, string name) =>
        value > 0f && float.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and positive.");

    public static float InUnitInterval(float value, string name) =>
        value >= 0f && value < 1f ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1).");

    public static void Iteration(long iteration)
    {
        if (iteration < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(iteration), iteration, "The iteration cannot be negative.");
        }
    }
}
