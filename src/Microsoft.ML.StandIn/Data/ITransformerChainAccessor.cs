namespace Microsoft.ML.Data;

/// <summary>Internal, as in ML.NET: the members and scopes of a transformer chain.</summary>
internal interface ITransformerChainAccessor
{
    ITransformer[] Transformers { get; }

    TransformerScope[] Scopes { get; }
}
