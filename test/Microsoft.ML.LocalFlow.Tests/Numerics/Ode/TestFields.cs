using Microsoft.ML.LocalFlow.Numerics.Ode;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Ode;

/// <summary>dx/dt = g(t), the same for every component (a quadrature problem).</summary>
internal sealed class TimeOnlyField(int dimension, Func<double, double> g) : IVectorField
{
    public int Dimension => dimension;

    public int Calls { get; private set; }

    public void Evaluate(float t, ReadOnlySpan<float> x, int rows, Span<float> dxdt)
    {
        Calls++;
        dxdt.Slice(0, rows * dimension).Fill((float)g(t));
    }
}

/// <summary>dx/dt = A·x + b (row vectors: dx/dt = x·Aᵀ + b); divergence = tr(A).</summary>
internal sealed class AffineField(double[,] a, double[] b) : IDivergenceVectorField
{
    public int Dimension => b.Length;

    public double Trace
    {
        get
        {
            double s = 0;
            for (int i = 0; i < b.Length; i++)
            {
                s += a[i, i];
            }

            return s;
        }
    }

    public void Evaluate(float t, ReadOnlySpan<float> x, int rows, Span<float> dxdt)
    {
        int d = b.Length;
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < d; i++)
            {
                double s = b[i];
                for (int j = 0; j < d; j++)
                {
                    s += a[i, j] * x[(r * d) + j];
                }

                dxdt[(r * d) + i] = (float)s;
            }
        }
    }

    public void EvaluateWithDivergence(float t, ReadOnlySpan<float> x, int rows, Span<float> dxdt, Span<float> divergence)
    {
        Evaluate(t, x, rows, dxdt);
        divergence.Slice(0, rows).Fill((float)Trace);
    }
}

/// <summary>dx/dt = λ(t)·x with λ(t) = cos(2πt)·k (time-dependent diagonal linear system); divergence = d·λ(t).</summary>
internal sealed class ScalingField(int dimension, double k) : IDivergenceVectorField
{
    public int Dimension => dimension;

    public static double Lambda(double t, double k) => k * Math.Cos(2 * Math.PI * t);

    // ∫_{t0}^{t1} λ = k (sin 2πt1 − sin 2πt0)/(2π)
    public double Integral(double t0, double t1) => k * (Math.Sin(2 * Math.PI * t1) - Math.Sin(2 * Math.PI * t0)) / (2 * Math.PI);

    public void Evaluate(float t, ReadOnlySpan<float> x, int rows, Span<float> dxdt)
    {
        float l = (float)Lambda(t, k);
        for (int i = 0; i < rows * dimension; i++)
        {
            dxdt[i] = l * x[i];
        }
    }

    public void EvaluateWithDivergence(float t, ReadOnlySpan<float> x, int rows, Span<float> dxdt, Span<float> divergence)
    {
        Evaluate(t, x, rows, dxdt);
        divergence.Slice(0, rows).Fill((float)(dimension * Lambda(t, k)));
    }
}
