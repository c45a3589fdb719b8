namespace Microsoft.ML.Data;

/// <summary>Base of types whose values have internal structure, such as <see cref="VectorDataViewType"/>.</summary>
public abstract class StructuredDataViewType : DataViewType
{
    /// <summary>Creates the type.</summary>
    /// <param name="rawType">The CLR type of values.</param>
    protected StructuredDataViewType(Type rawType)
        : base(rawType)
    {
    }
}
