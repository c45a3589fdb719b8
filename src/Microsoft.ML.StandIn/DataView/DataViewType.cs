namespace Microsoft.ML.Data;

/// <summary>
/// The type of a column: wraps the CLR <see cref="RawType"/> a getter reads. Outside this assembly, derive from
/// <see cref="PrimitiveDataViewType"/> or <see cref="StructuredDataViewType"/> (this constructor is <c>private protected</c>, as in ML.NET).
/// </summary>
public abstract class DataViewType : IEquatable<DataViewType>
{
    private protected DataViewType(Type rawType)
    {
        RawType = rawType ?? throw new ArgumentNullException(nameof(rawType));
    }

    /// <summary>The CLR type of values of this type, e.g. <see cref="float"/> or <see cref="ReadOnlyMemory{T}"/> of char.</summary>
    public Type RawType { get; }

    /// <summary>Type equality: reference equality for singletons, structural for keys and vectors.</summary>
    /// <param name="other">The other type.</param>
    /// <returns>Whether the types are the same.</returns>
    public abstract bool Equals(DataViewType? other);
}
