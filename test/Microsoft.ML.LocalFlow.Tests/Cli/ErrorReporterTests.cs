using Microsoft.ML.LocalFlow.Cli.Infrastructure;

namespace Microsoft.ML.LocalFlow.Tests.Cli;

[TestClass]
[TestCategory("Cli")]
public sealed class ErrorReporterTests
{
    [TestMethod]
    public void DataProblems_AreBadInput()
    {
        Assert.AreEqual(ExitCode.BadInput, ErrorReporter.Classify(new FormatException("x")));
        Assert.AreEqual(ExitCode.BadInput, ErrorReporter.Classify(new InvalidDataException("x")));
        Assert.AreEqual(ExitCode.BadInput, ErrorReporter.Classify(new FileNotFoundException("x")));
        Assert.AreEqual(ExitCode.BadInput, ErrorReporter.Classify(new ArgumentOutOfRangeException("rows", -1, "x")));
        Assert.AreEqual(ExitCode.BadInput, ErrorReporter.Classify(CliException.BadInput("x")));
    }

    [TestMethod]
    public void Cancellation_Is130()
    {
        Assert.AreEqual(ExitCode.Cancelled, ErrorReporter.Classify(new OperationCanceledException()));
        Assert.AreEqual(130, (int)ExitCode.Cancelled);
    }

    [TestMethod]
    public void Defects_AreInternal()
    {
        Assert.AreEqual(ExitCode.Internal, ErrorReporter.Classify(new NullReferenceException()));
        Assert.AreEqual(ExitCode.Internal, ErrorReporter.Classify(new InvalidOperationException("x")));
    }

    [TestMethod]
    public void Report_WritesOneLine_WithoutStackTrace()
    {
        var stderr = new StringWriter();
        Exception e = Throw(new FormatException("data.csv: data row 3, column 'x':\n'abc' is not a number"));
        ExitCode code = ErrorReporter.Report(e, stderr, verbose: false);
        Assert.AreEqual(ExitCode.BadInput, code);
        Assert.AreEqual("lfm: error: data.csv: data row 3, column 'x':; 'abc' is not a number" + Environment.NewLine, stderr.ToString());
    }

    [TestMethod]
    public void Report_Verbose_AddsTheStackTrace()
    {
        var stderr = new StringWriter();
        ErrorReporter.Report(Throw(new InvalidOperationException("bug")), stderr, verbose: true);
        string text = stderr.ToString();
        StringAssert.StartsWith(text, "lfm: error: internal error: bug");
        Assert.Contains("   at ", text);
    }

    private static Exception Throw(Exception e)
    {
        try
        {
            throw e;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}
