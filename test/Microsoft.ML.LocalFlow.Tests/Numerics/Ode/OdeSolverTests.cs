using Microsoft.ML.LocalFlow.Numerics.Ode;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Ode;

[TestClass]
public sealed class OdeSolverTests
{
    private static double Slope(double[] h, double[] err)
    {
        // least-squares slope of log err vs log h
        int n = h.Length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += Math.Log(h[i]);
            my += Math.Log(err[i]);
        }

        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = Math.Log(h[i]) - mx;
            sxy += dx * (Math.Log(err[i]) - my);
            sxx += dx * dx;
        }

        return sxy / sxx;
    }

    [TestMethod]
    [DataRow(OdeSolverKind.Euler, 1.0, 16)]
    [DataRow(OdeSolverKind.Heun, 2.0, 8)]
    [DataRow(OdeSolverKind.Rk4, 4.0, 2)]
    public void QuadratureConvergesAtTheSchemeOrder(OdeSolverKind kind, double order, int firstSteps)
    {
        // dx/dt = 5t⁴ on [0, 1], x(0) = 1 → x(1) = 2. (5t⁴ rather than 3t²: RK4 = Simpson is exact for cubics.)
        var field = new TimeOnlyField(1, t => 5 * Math.Pow(t, 4));
        var solver = new OdeSolver(1, 4);
        var h = new double[3];
        var err = new double[3];
        for (int i = 0; i < 3; i++)
        {
            int steps = firstSteps << i;
            float[] x = [1f];
            solver.Integrate(field, 0, 1, x, 1, OdeSolverOptions.Fixed(kind, steps));
            h[i] = 1.0 / steps;
            err[i] = Math.Abs(x[0] - 2.0);
        }

        Assert.AreEqual(order, Slope(h, err), 0.25, $"errors {string.Join(", ", err)}");
    }

    [TestMethod]
    [DataRow(OdeSolverKind.Euler, 1.0, 32)]
    [DataRow(OdeSolverKind.Heun, 2.0, 16)]
    [DataRow(OdeSolverKind.Rk4, 4.0, 4)]
    public void LinearSystemConvergesAtTheSchemeOrder(OdeSolverKind kind, double order, int firstSteps)
    {
        // Rotation with decay: A = [[-0.5, -2], [2, -0.5]]; x(1) = e^{-0.5} R(2) x(0).
        var field = new AffineField(new double[,] { { -0.5, -2 }, { 2, -0.5 } }, [0, 0]);
        var solver = new OdeSolver(2, 8);
        double c = Math.Exp(-0.5) * Math.Cos(2), s = Math.Exp(-0.5) * Math.Sin(2);
        double[] exact = [c * 1 - s * 0.5, s * 1 + c * 0.5];
        var h = new double[3];
        var err = new double[3];
        for (int i = 0; i < 3; i++)
        {
            int steps = firstSteps << i;
            float[] x = [1f, 0.5f];
            solver.Integrate(field, 0, 1, x, 1, OdeSolverOptions.Fixed(kind, steps));
            h[i] = 1.0 / steps;
            err[i] = Math.Max(Math.Abs(x[0] - exact[0]), Math.Abs(x[1] - exact[1]));
        }

        Assert.AreEqual(order, Slope(h, err), 0.3, $"errors {string.Join(", ", err)}");
    }

    [TestMethod]
    [DataRow(1e-3, Dopri5ErrorNorm.ChunkRms)]
    [DataRow(1e-5, Dopri5ErrorNorm.ChunkRms)]
    [DataRow(1e-3, Dopri5ErrorNorm.RowMax)]
    [DataRow(1e-5, Dopri5ErrorNorm.RowMax)]
    public void Dopri5MeetsItsTolerance(double tol, Dopri5ErrorNorm norm)
    {
        var field = new AffineField(new double[,] { { -0.5, -2 }, { 2, -0.5 } }, [0, 0]);
        var solver = new OdeSolver(2, 8);
        double c = Math.Exp(-0.5) * Math.Cos(2), s = Math.Exp(-0.5) * Math.Sin(2);
        float[] x = [1f, 0.5f, -2f, 1f];
        OdeStatistics st = solver.Integrate(field, 0, 1, x, 2, OdeSolverOptions.Adaptive(tol, tol) with { ErrorNorm = norm });
        double[] exact = [c - (s * 0.5), s + (c * 0.5), (c * -2) - s, (s * -2) + c];
        for (int i = 0; i < 4; i++)
        {
            // Global error of a well-conditioned problem stays within a small multiple of the local tolerance.
            Assert.AreEqual(exact[i], x[i], 10 * tol * (1 + Math.Abs(exact[i])));
        }

        Assert.IsTrue(st.AcceptedSteps >= 2);
        Assert.IsTrue(st.FunctionEvaluations >= (6 * st.AcceptedSteps) + 2);
    }

    [TestMethod]
    public void RowMaxNormIsStricterThanChunkRms()
    {
        // One row moves fast, the others barely: the whole-chunk RMS dilutes its error, the per-row max does not.
        var field = new ScalingField(1, 3.0);
        var solver = new OdeSolver(1, 64);
        float[] Rows() => Enumerable.Range(0, 64).Select(i => i == 0 ? 10f : 1e-3f).ToArray();
        float[] a = Rows(), b = Rows();
        long rms = solver.Integrate(field, 0, 1, a, 64, OdeSolverOptions.Adaptive(1e-6, 1e-6)).AcceptedSteps;
        long max = solver.Integrate(field, 0, 1, b, 64, OdeSolverOptions.Adaptive(1e-6, 1e-6) with { ErrorNorm = Dopri5ErrorNorm.RowMax }).AcceptedSteps;
        Assert.IsTrue(max > rms, $"row-max {max}, chunk RMS {rms}");
    }

    [TestMethod]
    public void Dopri5TakesMoreStepsAtTighterTolerance()
    {
        var field = new AffineField(new double[,] { { -0.5, -2 }, { 2, -0.5 } }, [0, 0]);
        var solver = new OdeSolver(2, 8);
        float[] x = [1f, 0.5f];
        long loose = solver.Integrate(field, 0, 1, x, 1, OdeSolverOptions.Adaptive(1e-2, 1e-2)).AcceptedSteps;
        x = [1f, 0.5f];
        long tight = solver.Integrate(field, 0, 1, x, 1, OdeSolverOptions.Adaptive(1e-6, 1e-6)).AcceptedSteps;
        Assert.IsTrue(tight > 2 * loose, $"loose {loose}, tight {tight}");
    }

    [TestMethod]
    [DataRow(OdeSolverKind.Rk4)]
    [DataRow(OdeSolverKind.Dopri5)]
    public void ForwardThenReverseReturnsTheInput(OdeSolverKind kind)
    {
        var field = new ScalingField(3, 1.5);
        var solver = new OdeSolver(3, 5); // 13 rows → chunks of 5, 5, 3
        var rng = new System.Random(3);
        float[] x = new float[13 * 3];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(rng.NextDouble() * 4 - 2);
        }

        float[] x0 = (float[])x.Clone();
        var o = kind == OdeSolverKind.Dopri5 ? OdeSolverOptions.Adaptive() : OdeSolverOptions.Fixed(kind, 20);
        solver.Integrate(field, 0.2, 1, x, 13, o);
        solver.Integrate(field, 1, 0.2, x, 13, o);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.AreEqual(x0[i], x[i], 1e-4);
        }
    }

    [TestMethod]
    [DataRow(OdeSolverKind.Euler, 400, 2e-2)]
    [DataRow(OdeSolverKind.Heun, 50, 2e-3)]
    [DataRow(OdeSolverKind.Rk4, 20, 1e-4)]
    [DataRow(OdeSolverKind.Dopri5, 0, 1e-4)]
    public void LogDeterminantOfATimeDependentLinearFlowIsExact(OdeSolverKind kind, int steps, double tol)
    {
        // dx/dt = λ(t)x in d = 3: x(t1) = x(t0)·exp(∫λ), log det = 3·∫λ dt.
        var field = new ScalingField(3, 2.0);
        var solver = new OdeSolver(3, 4);
        float[] x = [1, 2, 3, -1, 0.5f, 0.25f];
        double[] ld = [10, -1]; // integration adds to these
        var o = kind == OdeSolverKind.Dopri5 ? OdeSolverOptions.Adaptive() : OdeSolverOptions.Fixed(kind, steps);
        solver.IntegrateWithLogDeterminant(field, 0.1, 0.9, x, 2, ld, o);
        double integral = field.Integral(0.1, 0.9);
        Assert.AreEqual(10 + (3 * integral), ld[0], tol);
        Assert.AreEqual(-1 + (3 * integral), ld[1], tol);
        Assert.AreEqual(3 * Math.Exp(integral), x[2], 20 * tol);
    }

    [TestMethod]
    public void ChunkingDoesNotChangeFixedStepResults()
    {
        var field = new AffineField(new double[,] { { 0.1, -1 }, { 1, 0.2 } }, [0.3, -0.1]);
        float[] a = new float[2 * 37];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = MathF.Sin(i);
        }

        float[] b = (float[])a.Clone();
        new OdeSolver(2, 37).Integrate(field, 0, 1, a, 37, OdeSolverOptions.Default);
        new OdeSolver(2, 4).Integrate(field, 0, 1, b, 37, OdeSolverOptions.Default);
        CollectionAssert.AreEqual(a, b);
    }

    [TestMethod]
    public void StatisticsCountEvaluations()
    {
        var field = new TimeOnlyField(2, t => 1);
        var solver = new OdeSolver(2, 3);
        float[] x = new float[2 * 7];
        OdeStatistics st = solver.Integrate(field, 0, 1, x, 7, OdeSolverOptions.Fixed(OdeSolverKind.Rk4, 5));
        Assert.AreEqual(20, st.FunctionEvaluations);
        Assert.AreEqual(3 * 20, field.Calls); // 3 chunks
        Assert.AreEqual(1f, x[13], 1e-6f);
    }

    [TestMethod]
    public void NonFiniteStatesFailClearlyInDopri5()
    {
        var field = new ScalingField(1, 1);
        var solver = new OdeSolver(1, 2);
        float[] x = [float.NaN, 1];
        Assert.ThrowsExactly<InvalidOperationException>(() => solver.Integrate(field, 0, 1, x, 2, OdeSolverOptions.Adaptive()));
    }

    [TestMethod]
    public void BadArgumentsThrow()
    {
        var solver = new OdeSolver(2, 2);
        var field = new TimeOnlyField(3, t => 1);
        Assert.ThrowsExactly<ArgumentException>(() => solver.Integrate(field, 0, 1, new float[6], 2, OdeSolverOptions.Default));
        var ok = new TimeOnlyField(2, t => 1);
        Assert.ThrowsExactly<ArgumentException>(() => solver.Integrate(ok, 0, 1, new float[3], 2, OdeSolverOptions.Default));
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => solver.Integrate(ok, 0, 1, new float[4], 2, new OdeSolverOptions { Steps = 0 }));
        Assert.AreEqual("Steps", ex.ParamName);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new OdeSolver(0, 1));
    }
}

[TestClass]
public sealed class AffineFlowLikelihoodTests
{
    [TestMethod]
    [DataRow(OdeSolverKind.Rk4, 20)]
    [DataRow(OdeSolverKind.Dopri5, 0)]
    public void LogDensityOfAnAffineFlowMatchesTheAnalyticValue(OdeSolverKind kind, int steps)
    {
        // x(0) ~ N(0, I) pushed by dx/dt = A·x + b over [0, 1] gives a Gaussian; the change of variables says
        // log p0(x0) = log p1(x1) + ∫ tr(A) dt, i.e. log N(x0; 0, I) = log p1(x1) + tr(A).
        // Check the integrated log-det equals tr(A) and that log p1 computed from it matches the closed form
        // p1 = N(e^A·0 + ∫e^{A(1−s)}b ds, e^A e^{Aᵀ}) evaluated at x1 (A diagonal here so everything is explicit).
        double[] a = [0.7, -0.4, 0.2];
        double[] b = [0.5, -1.0, 0.25];
        var A = new double[3, 3];
        for (int i = 0; i < 3; i++)
        {
            A[i, i] = a[i];
        }

        var field = new AffineField(A, b);
        var solver = new OdeSolver(3, 8);
        float[] x = [0.3f, -1.2f, 0.8f, 1.5f, 0.1f, -0.6f];
        float[] x0 = (float[])x.Clone();
        double[] ld = new double[2];
        var o = kind == OdeSolverKind.Dopri5 ? OdeSolverOptions.Adaptive() : OdeSolverOptions.Fixed(kind, steps);
        solver.IntegrateWithLogDeterminant(field, 0, 1, x, 2, ld, o);
        for (int r = 0; r < 2; r++)
        {
            double logP0 = 0, logP1 = 0;
            for (int i = 0; i < 3; i++)
            {
                double e = Math.Exp(a[i]);
                double mean = b[i] * (e - 1) / a[i];
                double sd = e;
                double x1 = x[(r * 3) + i];
                Assert.AreEqual((e * x0[(r * 3) + i]) + mean, x1, 1e-4);
                logP0 += -0.5 * x0[(r * 3) + i] * x0[(r * 3) + i] - 0.5 * Math.Log(2 * Math.PI);
                logP1 += -0.5 * Math.Pow((x1 - mean) / sd, 2) - Math.Log(sd) - 0.5 * Math.Log(2 * Math.PI);
            }

            Assert.AreEqual(a.Sum(), ld[r], 1e-5);
            Assert.AreEqual(logP0, logP1 + ld[r], 1e-4);
        }
    }
}
