namespace Microsoft.ML.Data;

/// <summary>The kinds of values a text loader column can hold (ML.NET's values).</summary>
public enum DataKind : byte
{
    /// <summary><see cref="sbyte"/>.</summary>
    SByte = 1,

    /// <summary><see cref="byte"/>.</summary>
    Byte = 2,

    /// <summary><see cref="short"/>.</summary>
    Int16 = 3,

    /// <summary><see cref="ushort"/>.</summary>
    UInt16 = 4,

    /// <summary><see cref="int"/>.</summary>
    Int32 = 5,

    /// <summary><see cref="uint"/>.</summary>
    UInt32 = 6,

    /// <summary><see cref="long"/>.</summary>
    Int64 = 7,

    /// <summary><see cref="ulong"/>.</summary>
    UInt64 = 8,

    /// <summary><see cref="float"/>.</summary>
    Single = 9,

    /// <summary><see cref="double"/>.</summary>
    Double = 10,

    /// <summary>Text (<see cref="ReadOnlyMemory{T}"/> of char).</summary>
    String = 11,

    /// <summary><see cref="bool"/>.</summary>
    Boolean = 12,

    /// <summary><see cref="System.TimeSpan"/> (not supported by the stand-in's loader).</summary>
    TimeSpan = 13,

    /// <summary><see cref="System.DateTime"/>.</summary>
    DateTime = 14,

    /// <summary><see cref="System.DateTimeOffset"/> (not supported by the stand-in's loader).</summary>
    DateTimeOffset = 15,
}
