namespace Microsoft.ML.LocalFlow.Tests.StandIn;

/// <summary>The parser and comparer must themselves catch what they are meant to catch.</summary>
[TestClass]
public sealed class ApiDeclarationParserTests
{
    private static ApiDeclarationParser Parse(string code)
    {
        var parser = new ApiDeclarationParser();
        parser.ParseCode(code);
        Assert.IsEmpty(parser.Errors, string.Join("\n", parser.Errors));
        return parser;
    }

    [TestMethod]
    public void CompactedLinesRemarksAndInternals()
    {
        var p = Parse("""
            namespace N {
                public sealed class A : IDisposable {   // internal ctor
                    public int X { get; }  public static A Make(int? seed = null, char sep = '\t');  internal void Hidden(); // remark
                    public readonly int F;  public char[] S = new[] { '\t' };  public event EventHandler<EventArgs> E;
                    public T Get<T>(ref T value) where T : struct;  public A this[string name] { get; }
                    void IDisposable.Dispose();
                    public struct Inner { internal Inner(int a); public enum K { P, Q = 4, R = P | Q } }
                }
                public delegate void D<TValue>(ref TValue value);
                public interface I<out T> where T : class { T Get(); }
            }
            """);
        var a = p.Types["N.A"];
        Assert.AreEqual("sealed", a.Modifiers.Single(m => m == "sealed"));
        Assert.Contains("internal ctor", a.Remarks);
        Assert.Contains("remark", a.Remarks);
        var make = a.Members.Single(m => m.Name == "Make");
        Assert.IsTrue(make.IsStatic);
        Assert.AreEqual("int?", make.Parameters[0].Type);
        Assert.AreEqual("null", make.Parameters[0].DefaultText);
        Assert.AreEqual("'\\t'", make.Parameters[1].DefaultText);
        Assert.IsFalse(a.Members.Single(m => m.Name == "Hidden").IsVisible);
        Assert.IsFalse(a.Members.Single(m => m.Name == "Dispose").IsVisible, "explicit implementation");
        Assert.IsTrue(a.Members.Single(m => m.Name == "F").IsReadOnly);
        Assert.AreEqual("char[]", a.Members.Single(m => m.Name == "S").ReturnType);
        Assert.AreEqual("EventHandler<EventArgs>", a.Members.Single(m => m.Kind == ApiMemberKind.Event).ReturnType);
        var get = a.Members.Single(m => m.Name == "Get");
        Assert.AreEqual(1, get.GenericArity);
        Assert.AreEqual("ref", get.Parameters[0].RefKind);
        Assert.AreEqual("string", a.Members.Single(m => m.Kind == ApiMemberKind.Indexer).Parameters[0].Type);
        Assert.IsFalse(p.Types["N.A+Inner"].Members.Single().IsVisible);
        var values = ApiSurfaceComparer.EvaluateEnum(p.Types["N.A+Inner+K"]);
        Assert.AreEqual(4L, values["Q"]);
        Assert.AreEqual(4L, values["R"]);
        Assert.AreEqual("delegate", p.Types["N.D`1"].Kind);
        Assert.AreEqual("out", p.Types["N.I`1"].Variance[0]);
        Assert.AreEqual("public", p.Types["N.I`1"].Members.Single().Visibility);
    }

    [TestMethod]
    public void ComparerRejectsExtraOrDifferentSurface()
    {
        // Declarations that differ from the stand-in in chosen ways: each difference must be reported.
        var p = Parse("""
            namespace Microsoft.ML.Data {
                public sealed class KeyCount { public KeyCount(); public ulong? Count; }
                public struct DataViewRowId { }
                public abstract class DataViewType : IEquatable<DataViewType> { private protected DataViewType(Type rawType); public abstract bool Equals(DataViewType other); }
                public sealed class KeyDataViewType : PrimitiveDataViewType { public KeyDataViewType(Type type, ulong count = 5); internal KeyDataViewType(Type type, int count);
                    public static bool IsValidDataType(Type type); public static ulong Count { get; } }
            }
            namespace Microsoft.ML {
                public sealed class DataViewSchema { public struct Column { } }
                public sealed class SchemaShape { public SchemaShape(IEnumerable<DataViewSchema.Column> columns); public struct Column { } }
            }
            """);
        var comparer = new ApiSurfaceComparer(p.Types);
        comparer.Compare(typeof(MLContext).Assembly);
        string all = string.Join("\n", comparer.Failures);
        StringAssert.Contains(all, "Microsoft.ML.Data.KeyCount: Constructor KeyCount(ulong) matches no ML.NET declaration: [line 2] 1 parameters, ML.NET 0");
        StringAssert.Contains(all, "Microsoft.ML.Data.DataViewRowId: Field Low is not declared");
        StringAssert.Contains(all, "Microsoft.ML.Data.KeyDataViewType: Constructor KeyDataViewType(Type, int) is public here but 'internal'");
        StringAssert.Contains(all, "Constructor KeyDataViewType(Type, ulong) matches no ML.NET declaration: [line 5] parameter count: required here, optional in ML.NET");
        StringAssert.Contains(all, "Property Count matches no ML.NET declaration: [line 6] static-ness differs");
        StringAssert.Contains(all, "Microsoft.ML.Data.DataViewType: Property RawType is not declared by ML.NET");
        StringAssert.Contains(all, "Microsoft.ML.MLContext: public type not declared");
        // Same-named nested types are told apart by their nesting.
        StringAssert.Contains(all, "parameter columns: type IEnumerable<SchemaShape.Column>, ML.NET IEnumerable<DataViewSchema.Column>");
        StringAssert.Contains(all, "DataViewRowId: implements IComparable<DataViewRowId>");
    }
}
