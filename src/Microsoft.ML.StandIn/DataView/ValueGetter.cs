namespace Microsoft.ML;

/// <summary>Reads the value of one column of the current row into <paramref name="value"/>, reusing its buffers where it can.</summary>
/// <typeparam name="TValue">The column's raw type (<see cref="Microsoft.ML.Data.DataViewType.RawType"/>).</typeparam>
/// <param name="value">Receives the value.</param>
public delegate void ValueGetter<TValue>(ref TValue value);
