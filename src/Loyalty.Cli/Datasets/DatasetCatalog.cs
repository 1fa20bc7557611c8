namespace Loyalty.Cli.Datasets;

/// <summary>
/// The one place that names the data sets the CLI can fetch: publishers' addresses, the files we use, their SHA-256
/// values and licence notes. Hashes are per extracted file, so a mirror may re-pack an archive and still verify.
/// </summary>
/// <remarks>
/// The hashes were computed from the copies in <c>../shared/data</c>, which their READMEs document as byte-for-byte
/// the publishers' files (MovieLens: the GroupLens ml-100k release; CDNOW: the lifetimes repository at commit
/// 4f2833f). The Hillstrom copy there is the exception: it is 2 bytes shorter than the publisher's file (line
/// ending or trailing bytes; every row and aggregate matches the published figures), so both the publisher's
/// widely cited SHA-256 and the known copy's are accepted — we cannot download the original here to settle it,
/// and either file gives the same 64,000 rows.
/// </remarks>
internal static class DatasetCatalog
{
    /// <summary>MovieLens 100K: the publisher's zip holds <c>ml-100k/...</c>; its helper scripts are not kept.</summary>
    internal static Dataset MovieLens100K { get; } = new(
        Name: "movielens-100k",
        Title: "MovieLens 100K ratings (943 users, 1,682 movies, 100,000 ratings) with the official splits",
        BaseUrl: "https://files.grouplens.org/datasets/movielens/",
        Archive: "ml-100k.zip",
        Files:
        [
            OneHash("README", "ml-100k/README", "4883b8cf340ed0059971b33f56ad3adc88a40792108ebca3d24aafc4c82e8b52"),
            OneHash("u.data", "ml-100k/u.data", "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490"),
            OneHash("u.genre", "ml-100k/u.genre", "9757e0d3e6b298159a80dd48eaf938114690e911e39af97a76949ef1663610bb"),
            OneHash("u.info", "ml-100k/u.info", "5b0a40b2e47a729ee6203063f6dcf8790c2e63f5a18663e6ee318a72c5f3c27b"),
            OneHash("u.item", "ml-100k/u.item", "553841ebc7de3a0fd0d6b62a204ea30c1e651aacfb2814c7a6584ac52f2c5701"),
            OneHash("u.occupation", "ml-100k/u.occupation", "cd5fbec9afe345d993a62fc7817df1a4a9079c4feb267b3118763b8fd942137d"),
            OneHash("u.user", "ml-100k/u.user", "f120e114da2e8cf314fd28f99417c94ae9ddf1cb6db8ce0e4b5995d40e90e62c"),
            OneHash("u1.base", "ml-100k/u1.base", "ce253ec86c448b44fb3ba9a30d12dcfc2e9210cbde71efada3730c22e9ac212a"),
            OneHash("u1.test", "ml-100k/u1.test", "18c6014a4b2c7324f250a63f8904a7b16b2b19f911129e346141507b0cbac950"),
            OneHash("u2.base", "ml-100k/u2.base", "6c06f0b5df4b256da1a994f3ac66edc8da4d3f09bc9282df6b14d893366d703e"),
            OneHash("u2.test", "ml-100k/u2.test", "4de658d1e04ed9104629509a2e2528fce833ac8e048280183f1df167632038c3"),
            OneHash("u3.base", "ml-100k/u3.base", "afdc155c291c6edc41c0407e39d7462eb98d341e064f0b0a12175b80b3c4af5d"),
            OneHash("u3.test", "ml-100k/u3.test", "0f548b51c78327de4c156461d3e430b7e5579fe2b5681586a59416e48fd35f6d"),
            OneHash("u4.base", "ml-100k/u4.base", "219f0f4d40dfe9c5141d425f53fa91ee23ed275f14e280bbf1b50117afb064ca"),
            OneHash("u4.test", "ml-100k/u4.test", "7c02ad0a1e7ab1083c8b9d4b627203a051dd7b5eab46d99fa44de33470de8db9"),
            OneHash("u5.base", "ml-100k/u5.base", "a9574e59ce961eec2121627760b6e9b0974ce1637b3fe69ac32cb14a4bfab485"),
            OneHash("u5.test", "ml-100k/u5.test", "351cc52e0d15b6c721466276fc24671d40936899e3d01fadeaf312915b8c5634"),
            OneHash("ua.base", "ml-100k/ua.base", "67b5bcdb380c29f85d56a012ecd88612ae020f30a6730d117a334ee8203b91f2"),
            OneHash("ua.test", "ml-100k/ua.test", "d0497e202417720f57a184ec8c66be2d1afa4ff41bb53787c57b28d6bf79bc42"),
            OneHash("ub.base", "ml-100k/ub.base", "237254d253b6ad7de84f919d041055428646254f34ed8f562703c899430cd881"),
            OneHash("ub.test", "ml-100k/ub.test", "d54a72d05730d5892062734b2bec73e976f9b713d18c828a18b968d6cce442da"),
        ],
        Source: "GroupLens Research, University of Minnesota (https://grouplens.org/datasets/movielens/100k/)",
        Licence: "GroupLens terms: research use, no redistribution, no commercial use without permission; cite Harper & Konstan (2015)",
        LicenceTerms: string.Join(Environment.NewLine,
            "MovieLens 100K is published by GroupLens Research (University of Minnesota) under their own terms, stated in",
            "the README inside the download. In short:",
            "  - you may not redistribute the data (or modified versions of it) without separate permission;",
            "  - you may not use it for commercial or revenue-bearing purposes without permission;",
            "  - you may not state or imply endorsement by the University of Minnesota or GroupLens;",
            "  - publications using it must cite F. M. Harper and J. A. Konstan, \"The MovieLens Datasets: History and",
            "    Context\", ACM TiiS 5(4), 2015, doi:10.1145/2827872.",
            "The data is downloaded from GroupLens into your own cache; Loyalty.Core never ships it."));

    /// <summary>Hillstrom's MineThatData e-mail challenge: one CSV, kept as <c>hillstrom.csv</c>.</summary>
    internal static Dataset Hillstrom { get; } = new(
        Name: "hillstrom",
        Title: "MineThatData e-mail campaign (64,000 customers; men's, women's or no e-mail at random)",
        BaseUrl: "http://www.minethatdata.com/",
        Archive: null,
        Files:
        [
            new DatasetFile(
                "hillstrom.csv",
                "Kevin_Hillstrom_MineThatData_E-MailAnalytics_DataMiningChallenge_2008.03.20.csv",
                [
                    // The publisher's file (3,964,977 bytes), as cited by public mirrors of the original download.
                    "0e5893329d8b93cefecc571777672028290ab69865718020c78c7284f291aece",
                    // The known copy in ../shared/data/hillstrom (3,964,975 bytes; same rows and aggregates).
                    "ff9e59285e9dc3f5fa3e0975419e6631ea5bdccd65d818991473d2367e02979c",
                ]),
        ],
        Source: "Kevin Hillstrom, MineThatData E-Mail Analytics and Data Mining Challenge, 2008 (https://blog.minethatdata.com/2008/03/minethatdata-e-mail-analytics-and-data.html)",
        Licence: "published freely by Kevin Hillstrom for the 2008 challenge; no formal licence stated",
        LicenceTerms: null);

    /// <summary>CDNOW and the other CLV data sets of the lifetimes project, at its last commit.</summary>
    internal static Dataset Cdnow { get; } = new(
        Name: "cdnow",
        Title: "CDNOW transaction logs (23,570 customers and a 1/10 sample) and lifetimes' CLV summaries",
        BaseUrl: "https://raw.githubusercontent.com/CamDavidsonPilon/lifetimes/4f2833f4518621343bb6983eb3e540c11f66ec6a/lifetimes/datasets/",
        Archive: null,
        Files:
        [
            OneHash("CDNOW_master.txt", "CDNOW_master.txt", "eff6889ed364c5199d6eacbbeb7a6d559971df4406ac876f322c373f00a072ef"),
            OneHash("CDNOW_sample.txt", "CDNOW_sample.txt", "6fae10155c0b0ba363c2c386e30f77990d22328220efd862a5edd1443420d94a"),
            OneHash("cdnow_customers_summary.csv", "cdnow_customers_summary.csv", "09d92ca80daaabe8be0f997d4c539f9c9606106baa5b199081fe01cbce5fa9f6"),
            OneHash("cdnow_customers_summary_with_transactions.csv", "cdnow_customers_summary_with_transactions.csv", "7ddd11b55be3227edfc1d58675154e96971b0de3ad37ddd9280d1dba154b8b2f"),
            OneHash("donations.csv", "donations.csv", "82c25f26a201ff047e1cd5fe3d7967a45db92a025ecedee72ff8940e50104544"),
            OneHash("example_transactions.csv", "example_transactions.csv", "dd4a7c6ba666137dda53fb861c6bc502acdf37c89bf5bdd1101ecc9c0cfeaa59"),
        ],
        Source: "lifetimes project (github.com/CamDavidsonPilon/lifetimes, lifetimes/datasets); CDNOW data as distributed by Fader & Hardie (brucehardie.com)",
        Licence: "lifetimes repository, MIT (c) 2015 Cameron Davidson-Pilon; the CDNOW data is Fader & Hardie's research data set",
        LicenceTerms: null);

    /// <summary>Every data set, in the order <c>loyalty datasets list</c> prints them.</summary>
    internal static IReadOnlyList<Dataset> All { get; } = [MovieLens100K, Hillstrom, Cdnow];

    /// <summary>The data set named <paramref name="name"/> (case-insensitive), or null.</summary>
    internal static Dataset? Find(string name) =>
        All.FirstOrDefault(set => string.Equals(set.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The names, for messages.</summary>
    internal static string Names => string.Join(", ", All.Select(set => set.Name));

    private static DatasetFile OneHash(string name, string sourcePath, string sha256) => new(name, sourcePath, [sha256]);
}
