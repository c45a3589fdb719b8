using System.Linq.Expressions;
using System.Reflection;

namespace Microsoft.ML.Data;

/// <summary>
/// Converts between members of row objects and raw column values: string ↔ ReadOnlyMemory&lt;char&gt;,
/// T[] ↔ VBuffer&lt;T&gt; (dense), string[] ↔ VBuffer&lt;ReadOnlyMemory&lt;char&gt;&gt;, and identical types. Accessors are compiled
/// expression trees, so per-row access is a delegate call rather than reflection.
/// </summary>
internal static class RowMapper
{
    private static readonly MethodInfo s_makeReader = typeof(RowMapper).GetMethod(nameof(MakeReaderCore), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo s_makeWriter = typeof(RowMapper).GetMethod(nameof(MakeWriterCore), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>A <c>ValueGetter&lt;raw&gt;</c> reading <paramref name="column"/>'s member of the object <paramref name="current"/> returns.</summary>
    internal static Delegate MakeReader<TRow>(SchemaDefinition.Column column, Func<TRow> current)
    {
        var raw = column.ColumnType.RawType;
        return (Delegate)s_makeReader.MakeGenericMethod(typeof(TRow), column.MemberType, raw).Invoke(null, [column, current])!;
    }

    /// <summary>An action copying the value of <paramref name="dataColumn"/> from <paramref name="row"/> into the member of a row object.</summary>
    internal static Action<TRow> MakeWriter<TRow>(SchemaDefinition.Column column, DataViewRow row, DataViewSchema.Column dataColumn)
    {
        var raw = dataColumn.Type.RawType;
        try
        {
            return (Action<TRow>)s_makeWriter.MakeGenericMethod(typeof(TRow), column.MemberType, raw).Invoke(null, [column, row, dataColumn])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private static ValueGetter<TRaw> MakeReaderCore<TRow, TMember, TRaw>(SchemaDefinition.Column column, Func<TRow> current)
    {
        var get = CompileGetter<TRow, TMember>(column.Member);
        int size = column.ColumnType is VectorDataViewType v ? v.Size : 0;
        string name = column.ColumnName;
        if (typeof(TMember) == typeof(TRaw))
        {
            var direct = (Func<TRow, TRaw>)(Delegate)get;
            return (ref TRaw value) => value = direct(current());
        }
        if (typeof(TMember) == typeof(string) && typeof(TRaw) == typeof(ReadOnlyMemory<char>))
        {
            var text = (Func<TRow, string?>)(Delegate)get;
            var getter = (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = (text(current()) ?? string.Empty).AsMemory());
            return (ValueGetter<TRaw>)(Delegate)getter;
        }
        if (typeof(TMember).IsArray && typeof(TRaw).IsGenericType && typeof(TRaw).GetGenericTypeDefinition() == typeof(VBuffer<>))
        {
            var itemType = typeof(TRaw).GetGenericArguments()[0];
            var method = typeof(RowMapper).GetMethod(
                typeof(TMember) == typeof(string[]) ? nameof(StringArrayReader) : nameof(ArrayReader),
                BindingFlags.NonPublic | BindingFlags.Static)!;
            if (typeof(TMember) != typeof(string[]))
                method = method.MakeGenericMethod(typeof(TRow), itemType);
            else
                method = method.MakeGenericMethod(typeof(TRow));
            return (ValueGetter<TRaw>)method.Invoke(null, [get, current, size, name])!;
        }
        throw new InvalidOperationException($"Member '{column.MemberName}' of type '{typeof(TMember)}' cannot produce column '{name}' of type '{column.ColumnType}'.");
    }

    private static ValueGetter<VBuffer<T>> ArrayReader<TRow, T>(Func<TRow, T[]?> get, Func<TRow> current, int size, string name)
        => (ref VBuffer<T> value) =>
        {
            var array = get(current()) ?? [];
            CheckSize(array.Length, size, name);
            VBuffer<T>.Copy(array, 0, ref value, array.Length);
        };

    private static ValueGetter<VBuffer<ReadOnlyMemory<char>>> StringArrayReader<TRow>(Func<TRow, string?[]?> get, Func<TRow> current, int size, string name)
        => (ref VBuffer<ReadOnlyMemory<char>> value) =>
        {
            var array = get(current()) ?? [];
            CheckSize(array.Length, size, name);
            var items = array.Select(s => (s ?? string.Empty).AsMemory()).ToArray();
            value = new VBuffer<ReadOnlyMemory<char>>(items.Length, items);
        };

    private static void CheckSize(int actual, int size, string name)
    {
        if (size > 0 && actual != size)
            throw new InvalidOperationException($"Column '{name}' is a vector of size {size}, but the row's array has {actual} items.");
    }

    private static Action<TRow> MakeWriterCore<TRow, TMember, TRaw>(SchemaDefinition.Column column, DataViewRow row, DataViewSchema.Column dataColumn)
    {
        var set = CompileSetter<TRow, TMember>(column.Member);
        var getter = row.GetGetter<TRaw>(dataColumn);
        if (typeof(TMember) == typeof(TRaw))
        {
            var direct = (Action<TRow, TRaw>)(Delegate)set;
            if (typeof(TRaw).IsGenericType && typeof(TRaw).GetGenericTypeDefinition() == typeof(VBuffer<>))
            {
                // Cursors may reuse their buffers: give each object its own copy.
                var copy = typeof(RowMapper).GetMethod(nameof(VBufferCopyWriter), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(typeof(TRow), typeof(TRaw).GetGenericArguments()[0]);
                return (Action<TRow>)copy.Invoke(null, [set, getter])!;
            }
            return r =>
            {
                TRaw value = default!;
                getter(ref value);
                direct(r, value);
            };
        }
        if (typeof(TMember) == typeof(string) && typeof(TRaw) == typeof(ReadOnlyMemory<char>))
        {
            var text = (Action<TRow, string>)(Delegate)set;
            var g = (ValueGetter<ReadOnlyMemory<char>>)(Delegate)getter;
            return r =>
            {
                ReadOnlyMemory<char> value = default;
                g(ref value);
                text(r, value.ToString());
            };
        }
        if (typeof(TMember).IsArray && typeof(TRaw).IsGenericType && typeof(TRaw).GetGenericTypeDefinition() == typeof(VBuffer<>))
        {
            var itemType = typeof(TRaw).GetGenericArguments()[0];
            MethodInfo method = typeof(TMember) == typeof(string[])
                ? typeof(RowMapper).GetMethod(nameof(StringArrayWriter), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(typeof(TRow))
                : typeof(RowMapper).GetMethod(nameof(ArrayWriter), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(typeof(TRow), itemType);
            return (Action<TRow>)method.Invoke(null, [set, getter])!;
        }
        throw new ArgumentOutOfRangeException(nameof(dataColumn),
            $"Schema mismatch for column '{dataColumn.Name}': cannot write type '{dataColumn.Type}' into member '{column.MemberName}' of type '{typeof(TMember)}'.");
    }

    private static Action<TRow> VBufferCopyWriter<TRow, T>(Action<TRow, VBuffer<T>> set, ValueGetter<VBuffer<T>> getter)
        => r =>
        {
            VBuffer<T> value = default;
            getter(ref value);
            VBuffer<T> copy = default;
            value.CopyTo(ref copy);
            set(r, copy);
        };

    private static Action<TRow> ArrayWriter<TRow, T>(Action<TRow, T[]> set, ValueGetter<VBuffer<T>> getter)
        => r =>
        {
            VBuffer<T> value = default;
            getter(ref value);
            var array = new T[value.Length];
            value.CopyTo(array);
            set(r, array);
        };

    private static Action<TRow> StringArrayWriter<TRow>(Action<TRow, string[]> set, ValueGetter<VBuffer<ReadOnlyMemory<char>>> getter)
        => r =>
        {
            VBuffer<ReadOnlyMemory<char>> value = default;
            getter(ref value);
            set(r, value.DenseValues().Select(m => m.ToString()).ToArray());
        };

    private static Func<TRow, TMember> CompileGetter<TRow, TMember>(MemberInfo member)
    {
        var p = Expression.Parameter(typeof(TRow), "row");
        return Expression.Lambda<Func<TRow, TMember>>(Expression.MakeMemberAccess(p, member), p).Compile();
    }

    private static Action<TRow, TMember> CompileSetter<TRow, TMember>(MemberInfo member)
    {
        var p = Expression.Parameter(typeof(TRow), "row");
        var v = Expression.Parameter(typeof(TMember), "value");
        return Expression.Lambda<Action<TRow, TMember>>(Expression.Assign(Expression.MakeMemberAccess(p, member), v), p, v).Compile();
    }

    /// <summary>Whether data of type <paramref name="data"/> can fill a member declared as <paramref name="declared"/>.</summary>
    internal static bool IsCompatible(DataViewType declared, DataViewType data)
    {
        if (declared.Equals(data))
            return true;
        return declared is VectorDataViewType d && data is VectorDataViewType v && d.ItemType.Equals(v.ItemType) && (d.Size == 0 || d.Size == v.Size);
    }
}
