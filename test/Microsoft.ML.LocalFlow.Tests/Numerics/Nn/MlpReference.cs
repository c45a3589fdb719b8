using Microsoft.ML.LocalFlow.Numerics.Nn;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Nn;

/// <summary>A plain float64 forward pass of the same architecture, written independently of the kernels, for checks.</summary>
internal static class MlpReference
{
    public static double Activate(Activation activation, double z, double beta) => activation switch
    {
        Activation.Relu => Math.Max(z, 0),
        Activation.Silu => z / (1 + Math.Exp(-z)),
        Activation.Elu => z > 0 ? z : Math.Exp(z) - 1,
        Activation.Softplus => Math.Log(1 + Math.Exp(beta * z)) / beta,
        Activation.Tanh => Math.Tanh(z),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    public static double[] InputRow(MlpShape s, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> c)
    {
        var input = new List<double>();
        input.AddRange(x.ToArray());
        if (s.TimeEncoding == TimeEncoding.Raw)
        {
            input.Add(t);
        }
        else
        {
            for (int k = 1; k <= s.FourierFrequencies; k++)
            {
                input.Add(Math.Sin(Math.PI * k * t));
                input.Add(Math.Cos(Math.PI * k * t));
            }
        }
        input.AddRange(c.ToArray());
        return input.ToArray();
    }

    /// <summary>v(t, x, c) for one row with parameters p (the documented layout).</summary>
    public static double[] Forward(MlpShape s, ReadOnlySpan<double> p, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> c)
    {
        double[] a = InputRow(s, t, x, c);
        for (int layer = 0; layer < s.LayerCount; layer++)
        {
            int nin = s.LayerInputWidth(layer);
            int nout = s.LayerOutputWidth(layer);
            int w = s.WeightOffset(layer);
            int b = s.BiasOffset(layer);
            var z = new double[nout];
            for (int o = 0; o < nout; o++)
            {
                double sum = p[b + o];
                for (int i = 0; i < nin; i++)
                {
                    sum += a[i] * p[w + i * nout + o];
                }
                z[o] = layer < s.HiddenLayers ? Activate(s.Activation, sum, s.SoftplusBeta) : sum;
            }
            a = z;
        }
        return a;
    }
}
