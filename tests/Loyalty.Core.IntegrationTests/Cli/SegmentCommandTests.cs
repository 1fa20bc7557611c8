using System.CommandLine;
using System.Text;
using System.Text.Json;
using Loyalty.Cli.Commands;
using Loyalty.Cli.Infrastructure;

namespace Loyalty.Core.Tests.Cli;

public sealed class SegmentCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segment-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Segment_CsvWithHeader_JsonHasEveryField()
    {
        string input = WriteCsv("points.csv", "spend,visits\n0,0\n0.2,0.1\n10,10\n10.1,9.9\n0.1,0.2\n9.9,10.2\n");
        var (code, stdout, _) = Run("segment", "--input", input, "--k", "2", "--json", "--threads", "1");
        Assert.Equal(CliRunner.Success, code);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        foreach (string field in new[] { "k", "n", "d", "algorithm", "iterations", "inertia", "initSeconds", "fitSeconds", "converged", "sizes", "centroids" })
        {
            Assert.True(root.TryGetProperty(field, out _), field);
        }

        Assert.Equal(6, root.GetProperty("n").GetInt32());
        Assert.Equal([3, 3], root.GetProperty("sizes").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Single(stdout.Trim().Split('\n'));
    }

    [Fact]
    public void Segment_KmfAndNpy_ReadSameMatrixAsCsv()
    {
        float[] values = [0f, 0f, 0.2f, 0.1f, 10f, 10f, 10.1f, 9.9f];
        string kmf = Path.Combine(_dir, "points.kmf");
        using (var writer = new BinaryWriter(File.Create(kmf)))
        {
            writer.Write("KMF1"u8);
            writer.Write(4L);
            writer.Write(2L);
            foreach (float v in values)
            {
                writer.Write(v);
            }
        }

        string npy = Path.Combine(_dir, "points.npy");
        WriteNpy(npy, values.Select(v => (double)v).ToArray(), rows: 4, columns: 2);
        string csv = WriteCsv("points.csv", "x,y\n0,0\n0.2,0.1\n10,10\n10.1,9.9\n");
        string[] outputs = new[] { kmf, npy, csv }.Select(path => Run("segment", "--input", path, "--k", "2", "--json", "--seed", "1").Stdout).ToArray();
        double[] inertias = outputs.Select(o => JsonDocument.Parse(o).RootElement.GetProperty("inertia").GetDouble()).ToArray();
        Assert.Equal(inertias[0], inertias[1], 1e-6);
        Assert.Equal(inertias[0], inertias[2], 1e-6);
    }

    [Fact]
    public void Segment_KRange_ReportsIndicesAndSuggestedK()
    {
        var rows = new StringBuilder("x,y\n");
        var random = new Random(3);
        foreach (var (x, y) in new[] { (0, 0), (20, 0), (0, 20) })
        {
            for (int i = 0; i < 40; i++)
            {
                rows.Append(FormattableString.Invariant($"{x + random.NextDouble()},{y + random.NextDouble()}\n"));
            }
        }

        string input = WriteCsv("three.csv", rows.ToString());
        var (code, stdout, _) = Run("segment", "--input", input, "--k-range", "2..5", "--json");
        Assert.Equal(CliRunner.Success, code);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(3, root.GetProperty("suggestedK").GetInt32());
        Assert.Equal(4, root.GetProperty("daviesBouldin").GetArrayLength());
    }

    [Fact]
    public void Segment_OutputFile_WritesOneLabelPerRow()
    {
        string input = WriteCsv("points.csv", "x,y\n0,0\n0,1\n9,9\n");
        string labels = Path.Combine(_dir, "labels.csv");
        Assert.Equal(CliRunner.Success, Run("segment", "--input", input, "--k", "2", "--output", labels).Code);
        Assert.Equal(4, File.ReadAllLines(labels).Length);
    }

    [Theory]
    [InlineData("0,0\n1,x\n", "bad.csv:2, column 2: 'x' is not a number")]
    [InlineData("0,0\n1,2,3\n", "bad.csv:2: 3 fields, but the first row has 2")]
    [InlineData("0,0\nNaN,1\n", "bad.csv:2, column 1: 'NaN' is not finite")]
    public void Segment_BadCsv_ExitsTwoNamingLineAndColumn(string content, string message)
    {
        string input = WriteCsv("bad.csv", content);
        var (code, _, stderr) = Run("segment", "--input", input, "--k", "1", "--no-header");
        Assert.Equal(CliRunner.BadInput, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_BadOptions_ExitTwo()
    {
        string input = WriteCsv("points.csv", "x,y\n0,0\n1,1\n");
        Assert.Equal(CliRunner.BadInput, Run("segment", "--input", input, "--k", "1", "--algorithm", "magic").Code);
        Assert.Equal(CliRunner.BadInput, Run("segment", "--input", input, "--k", "3").Code);
        Assert.Equal(CliRunner.BadInput, Run("segment", "--input", input).Code);
        Assert.Equal(CliRunner.BadInput, Run("segment", "--input", Path.Combine(_dir, "missing.csv"), "--k", "1").Code);
        Assert.Equal(CliRunner.BadInput, Run("segment", "--input", input, "--k-range", "3..2").Code);
    }

    [Fact]
    public void Segment_TruncatedKmf_ExitsTwo()
    {
        string kmf = Path.Combine(_dir, "short.kmf");
        File.WriteAllBytes(kmf, [.. "KMF1"u8, .. BitConverter.GetBytes(10L), .. BitConverter.GetBytes(2L), 0, 0, 0, 0]);
        var (code, _, stderr) = Run("segment", "--input", kmf, "--k", "1");
        Assert.Equal(CliRunner.BadInput, code);
        Assert.Contains("short.kmf", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_InitFile_StartsFromGivenCentroids()
    {
        string input = WriteCsv("points.csv", "x,y\n0,0\n0,1\n9,9\n9,8\n");
        string init = WriteCsv("init.csv", "x,y\n0,0.5\n9,8.5\n");
        var (code, stdout, _) = Run("segment", "--input", input, "--init", init, "--k", "2", "--json");
        Assert.Equal(CliRunner.Success, code);
        Assert.Equal(1, JsonDocument.Parse(stdout).RootElement.GetProperty("iterations").GetInt32());
    }

    [Theory]
    [InlineData("hamerly")]
    [InlineData("yinyang")]
    public void Segment_BoundedAlgorithm_SameLabelsAndInertiaAsLloyd(string algorithm)
    {
        var random = new Random(4);
        string rows = string.Join("\n", Enumerable.Range(0, 600).Select(_ => FormattableString.Invariant($"{random.NextDouble() * 10},{random.NextDouble() * 10}")));
        string input = WriteCsv("points.csv", "x,y\n" + rows + "\n");
        string[] common = ["segment", "--input", input, "--k", "25", "--seed", "3", "--json"];
        var lloyd = Run([.. common, "--algorithm", "lloyd"]);
        var bounded = Run([.. common, "--algorithm", algorithm]);
        Assert.Equal(CliRunner.Success, bounded.Code);
        using var expected = JsonDocument.Parse(lloyd.Stdout);
        using var actual = JsonDocument.Parse(bounded.Stdout);
        Assert.Equal(algorithm, actual.RootElement.GetProperty("algorithm").GetString(), ignoreCase: true);
        Assert.Equal(expected.RootElement.GetProperty("inertia").GetDouble(), actual.RootElement.GetProperty("inertia").GetDouble());
        Assert.Equal(expected.RootElement.GetProperty("sizes").ToString(), actual.RootElement.GetProperty("sizes").ToString());
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var root = new RootCommand("test");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliRunner.Run(root, args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string WriteCsv(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static void WriteNpy(string path, double[] values, int rows, int columns)
    {
        string header = $"{{'descr': '<f8', 'fortran_order': False, 'shape': ({rows}, {columns}), }}";
        header = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write((byte)0x93);
        writer.Write("NUMPY"u8);
        writer.Write((byte)1);
        writer.Write((byte)0);
        writer.Write((ushort)header.Length);
        writer.Write(Encoding.Latin1.GetBytes(header));
        foreach (double v in values)
        {
            writer.Write(v);
        }
    }
}
