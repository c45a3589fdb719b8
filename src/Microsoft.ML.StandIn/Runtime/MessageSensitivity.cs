namespace Microsoft.ML.Runtime;

/// <summary>What kind of sensitive content a message may contain.</summary>
[Flags]
public enum MessageSensitivity
{
    /// <summary>Nothing sensitive.</summary>
    None = 0,

    /// <summary>May contain user data.</summary>
    UserData = 0x1,

    /// <summary>May contain schema information (column names).</summary>
    Schema = 0x2,

    /// <summary>Unknown: treat as everything.</summary>
    Unknown = ~None,

    /// <summary>Everything.</summary>
    All = Unknown,
}
