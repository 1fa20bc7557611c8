using Loyalty.Core.Feedback.Uplift;

namespace Loyalty.Core.Tests.Feedback.Uplift;

public sealed class ExperimentTableTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"experiment-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void ReadCsv_QuotedFieldsAndOtherGroups_ComparesTheTwoAskedFor()
    {
        File.WriteAllText(_path, "grp,\"note, with comma\",y\nT,\"a,b\",1\nT,x,0\nT,x,1\nC,x,0\nC,\"q\",1\nC,x,0\nOther,x,1\n");
        var table = ExperimentTable.ReadCsv(_path, "grp", "y", ["note, with comma"]);
        var effect = table.Compare("T", "C");

        Assert.Equal(7, table.Rows.Count);
        Assert.Equal("a,b", table.Rows[0].Stratum);
        Assert.Equal(3, effect.Treated);
        Assert.Equal(2.0 / 3 - 1.0 / 3, effect.Uplift, 12);
        Assert.Equal(6, table.Subset("T", "C").Count);
    }

    [Fact]
    public void ReadCsv_BadInput_NamesFileLineAndColumn()
    {
        File.WriteAllText(_path, "grp,y\nT,1\nC,abc\n");
        var ex = Assert.Throws<FormatException>(() => ExperimentTable.ReadCsv(_path, "grp", "y"));
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'y'", ex.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<FormatException>(() => ExperimentTable.ReadCsv(_path, "group", "y"));
        Assert.Contains("'group'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_UnknownLabel_NamesItAndTheColumn()
    {
        File.WriteAllText(_path, "grp,y\nT,1\nT,0\nC,1\nC,0\n");
        var ex = Assert.Throws<ArgumentException>(() => ExperimentTable.ReadCsv(_path, "grp", "y").Compare("T", "Ctl"));
        Assert.Contains("'Ctl'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'grp'", ex.Message, StringComparison.Ordinal);
    }
}
