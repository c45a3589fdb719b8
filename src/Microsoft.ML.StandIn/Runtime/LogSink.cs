namespace Microsoft.ML.Runtime;

/// <summary>Where channel messages go: the root <see cref="MLContext"/> raises its <c>Log</c> event.</summary>
internal delegate void LogSink(string source, ChannelMessageKind kind, string message);
