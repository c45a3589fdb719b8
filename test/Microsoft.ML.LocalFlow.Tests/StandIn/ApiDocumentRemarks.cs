namespace Microsoft.ML.LocalFlow.Tests.StandIn;

/// <summary>
/// Declarations that mlnet-api.md states only in prose remarks, written out as C# so the comparer can use them.
/// Each block quotes the remark it expands. Nothing here adds a member the document does not state.
/// </summary>
internal static class ApiDocumentRemarks
{
    internal const string Code = """
        namespace Microsoft.ML.Runtime {
            // §10: "public interface IChannel : IPipe<ChannelMessage> {   // same two overloads for Trace, Error, Warning, Info:"
            public interface IChannel : IPipe<ChannelMessage> {
                void Trace(MessageSensitivity sensitivity, string fmt);  void Trace(MessageSensitivity sensitivity, string fmt, params object[] args);
                void Error(MessageSensitivity sensitivity, string fmt);  void Error(MessageSensitivity sensitivity, string fmt, params object[] args);
                void Warning(MessageSensitivity sensitivity, string fmt);  void Warning(MessageSensitivity sensitivity, string fmt, params object[] args);
            }
        }
        namespace Microsoft.ML.Data {
            // §3 remark: "Below: singletons (private ctors), Equals = reference equality."
            public sealed class TextDataViewType : PrimitiveDataViewType { private TextDataViewType(); }
            public sealed class BooleanDataViewType : PrimitiveDataViewType { private BooleanDataViewType(); }
            public sealed class NumberDataViewType : PrimitiveDataViewType { private NumberDataViewType(); }
            // §3 remark: "Same shape (sealed, `public static X Instance { get; }`): DateTimeDataViewType, DateTimeOffsetDataViewType,
            // TimeSpanDataViewType, RowIdDataViewType (raw type DataViewRowId)."
            public sealed class DateTimeDataViewType : PrimitiveDataViewType { private DateTimeDataViewType(); public static DateTimeDataViewType Instance { get; } }
            public sealed class DateTimeOffsetDataViewType : PrimitiveDataViewType { private DateTimeOffsetDataViewType(); public static DateTimeOffsetDataViewType Instance { get; } }
            public sealed class TimeSpanDataViewType : PrimitiveDataViewType { private TimeSpanDataViewType(); public static TimeSpanDataViewType Instance { get; } }
            public sealed class RowIdDataViewType : PrimitiveDataViewType { private RowIdDataViewType(); public static RowIdDataViewType Instance { get; } }
            // §4 remark on DataViewRowId: "+ CompareTo, Equals(DataViewRowId), Equals(object), GetHashCode, ToString"
            // (Equals(object), GetHashCode and ToString are overrides, which the comparer accepts anyway.)
            public readonly struct DataViewRowId { public int CompareTo(DataViewRowId other); public bool Equals(DataViewRowId other); }
            // §13: "public sealed class MultiFileSource : IMultiStreamSource { public MultiFileSource(params string[] paths); /* + interface members */ }"
            public sealed class MultiFileSource : IMultiStreamSource {
                public int Count { get; } public string GetPathOrNull(int index); public Stream Open(int index); public TextReader OpenTextReader(int index);
            }
        }
        """;

    internal static ApiDeclarationParser Load(string markdown)
    {
        var parser = ApiDeclarationParser.ParseMarkdown(markdown);
        parser.ParseCode(Code, 1, "remarks expanded in ApiDocumentRemarks");
        return parser;
    }
}
