using System.Globalization;

namespace Microsoft.ML.LocalFlow.Cli.Parsing;

/// <summary>
/// The value of <c>--step-sizes</c>: the OU step sizes γ₁..γₙ of the LFM blocks, optionally followed by a final
/// free block (independent Gaussian coupling), written <c>0.15,0.2,free</c>.
/// </summary>
/// <param name="Gammas">The step sizes γ of the OU blocks, in training order; every one finite and &gt; 0.</param>
/// <param name="FinalBlockFree">Whether a free block follows the OU blocks.</param>
internal sealed record StepSizeList(IReadOnlyList<double> Gammas, bool FinalBlockFree)
{
    /// <summary>The number of blocks this list describes (OU blocks plus the free one).</summary>
    public int BlockCount => Gammas.Count + (FinalBlockFree ? 1 : 0);

    /// <summary>Parses <c>γ₁,γ₂,...[,free]</c> with invariant-culture numbers.</summary>
    /// <param name="text">The option's text.</param>
    /// <param name="error">Why the text was rejected, naming the offending element; null on success.</param>
    /// <returns>The list, or null when <paramref name="text"/> is malformed.</returns>
    public static StepSizeList? TryParse(string text, out string? error)
    {
        string[] items = text.Split(',', StringSplitOptions.TrimEntries);
        var gammas = new List<double>(items.Length);
        bool free = false;
        for (int i = 0; i < items.Length; i++)
        {
            string item = items[i];
            if (item.Equals("free", StringComparison.OrdinalIgnoreCase))
            {
                if (i != items.Length - 1)
                {
                    error = $"--step-sizes '{text}': 'free' may only be the last element (it was element {i + 1} of {items.Length})";
                    return null;
                }

                free = true;
                continue;
            }

            if (!double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out double gamma))
            {
                error = $"--step-sizes '{text}': element {i + 1} '{item}' is not a number (use e.g. 0.15,0.2,free)";
                return null;
            }

            // γ is the OU time step: e^{-γ} must be a contraction, so γ must be finite and strictly positive.
            if (!double.IsFinite(gamma) || gamma <= 0)
            {
                error = $"--step-sizes '{text}': element {i + 1} is {item}, but step sizes must be finite and > 0";
                return null;
            }

            gammas.Add(gamma);
        }

        if (gammas.Count == 0 && !free)
        {
            error = $"--step-sizes '{text}': no step sizes given";
            return null;
        }

        error = null;
        return new StepSizeList(gammas, free);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        IEnumerable<string> parts = Gammas.Select(g => g.ToString("R", CultureInfo.InvariantCulture));
        return string.Join(',', FinalBlockFree ? parts.Append("free") : parts);
    }
}
