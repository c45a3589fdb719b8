namespace Microsoft.ML.Data;

/// <summary>Base of scalar types (numbers, text, boolean, keys, dates). Their raw types may not be <see cref="IDisposable"/>.</summary>
public abstract class PrimitiveDataViewType : DataViewType
{
    /// <summary>Creates the type.</summary>
    /// <param name="rawType">The CLR type of values.</param>
    /// <exception cref="ArgumentException"><paramref name="rawType"/> implements <see cref="IDisposable"/>.</exception>
    protected PrimitiveDataViewType(Type rawType)
        : base(rawType)
    {
        if (typeof(IDisposable).IsAssignableFrom(rawType))
            throw new ArgumentException($"A primitive type's raw type cannot be IDisposable: '{rawType}'.", nameof(rawType));
    }
}
