using CsCheck;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;

namespace Pinpoint.Core.Tests.Referral;

/// <summary>Free-text symptom and condition words: what they are read as, what is ignored, and that nothing throws.</summary>
public sealed class SymptomWordsTests
{
    [Theory]
    [InlineData("sciatica-like, shooting", "sciatica-like sharp")]
    [InlineData("Sciatica like; SHOOTING pain", "sciatica-like sharp")]
    [InlineData("tension headache", "tension-type-headache")]
    [InlineData("Tension-type headaches", "tension-type-headache")]
    [InlineData("tennis elbow", "tennis-elbow-like")]
    [InlineData("Tennis-Elbow", "tennis-elbow-like")]
    [InlineData("tennis-elbow-like", "tennis-elbow-like")]
    [InlineData("carpal tunnel", "carpal-tunnel-like")]
    [InlineData("carpal-tunnel-like", "carpal-tunnel-like")]
    [InlineData("pins and needles", "numbness-tingling")]
    [InlineData("Pins-and-Needles", "numbness-tingling")]
    [InlineData("tingling", "numbness-tingling")]
    [InlineData("golfer's elbow", "golfers-elbow-like")]
    [InlineData("Golfers elbow", "golfers-elbow-like")]
    [InlineData("golfer’s-elbow", "golfers-elbow-like")]
    [InlineData("shin splints", "shin-splints-like")]
    [InlineData("plantar fasciitis", "heel-pain")]
    [InlineData("frozen shoulder", "frozen-shoulder-like")]
    [InlineData("jaw clicking", "clicking")]
    [InlineData("stiff neck", "stiff-neck")]
    [InlineData("migraine", "headache")]
    [InlineData("Migraines", "headache")]
    [InlineData("numbness-tingling", "numbness-tingling")]
    [InlineData("  STIFF  ", "stiffness")]
    [InlineData("burning and cramps", "burning cramp")]
    [InlineData("tennis elbow, pins & needles,dizzy", "tennis-elbow-like numbness-tingling dizziness")]
    [InlineData("sharp, sharp, stabbing", "sharp")]
    public void Phrases_people_type_map_to_the_vocabulary(string text, string ids)
    {
        var terms = Vocabulary.Recognise([text]);

        Assert.Equal(ids.Split(' '), terms.Ids);
        Assert.Empty(terms.Ignored);
    }

    [Fact]
    public void Symptoms_conditions_and_complaints_are_told_apart()
    {
        var terms = Vocabulary.Recognise(["sciatica-like, shooting", "tension headache", "tingling"]);

        Assert.Equal(["sharp", "numbness-tingling"], terms.Symptoms);
        Assert.Equal(["sciatica-like", "tension-type-headache"], terms.Conditions);
        Assert.Equal(["sciatica-like", "tension-type-headache", "numbness-tingling", "carpal-tunnel-like"], terms.Complaints);
        Assert.Equal(["sciatica-like", "shooting", "tension headache", "tingling"], terms.Terms.Select(t => t.Text));
    }

    [Theory]
    [InlineData("glowing", "glowing")]
    [InlineData("sharp, glowing", "glowing")]
    [InlineData("shooting pain down my leg", "down my leg")]
    [InlineData("pain in my left heel", "pain in my left heel")]
    [InlineData("Zzz!!, tingling, 🤕 …", "Zzz")]
    public void Words_not_understood_come_back_as_ignored_in_the_clients_own_text(string text, string ignored)
    {
        var terms = Vocabulary.Recognise([text]);

        Assert.Equal(ignored.Split('|'), terms.Ignored);
    }

    [Fact]
    public void Ignored_parts_are_listed_once_and_only_so_many()
    {
        var terms = Vocabulary.Recognise([string.Join(", ", Enumerable.Range(0, 60).Select(i => $"word{i}")), "word1", "WORD1"]);

        Assert.Single(Vocabulary.Recognise(["x"]).Ignored);
        Assert.Equal(20, terms.Ignored.Count);
        Assert.Single(terms.Ignored, "word1");
    }

    [Theory]
    [InlineData("no fever", "")]
    [InlineData("not swollen, sharp", "sharp")]
    [InlineData("no fever or chills but swollen", "swelling")]
    [InlineData("without any tingling", "")]
    [InlineData("no idea if fever", "fever")]
    [InlineData("no fever, fever", "fever")]
    public void Words_after_no_or_without_are_read_as_absent(string text, string ids)
    {
        var terms = Vocabulary.Recognise([text]);

        Assert.Equal(ids.Length == 0 ? [] : ids.Split(' '), terms.Ids);
        Assert.DoesNotContain(terms.Ignored, i => i.Contains("fever", StringComparison.Ordinal));
    }

    [Fact]
    public void Red_flag_words_in_free_text_still_raise_the_red_flags()
    {
        var flags = RedFlags.Check(Atlas.Default, new ReferralQuery([new("back-of-neck-left", 5), new("calf-left", 4)], ["feeling feverish, calf swollen"]));

        Assert.Contains(flags, f => f.Code == "fever-headache-neck");
        Assert.Contains(flags, f => f.Code == "suspected-dvt");
    }

    [Fact]
    public void A_condition_nudges_the_muscles_that_list_its_complaint()
    {
        var engine = new ReferralEngine(Atlas.Default);
        PainfulRegion[] pain = [new("elbow-outer-right", 6), new("forearm-back-right", 4)];
        var tennis = Atlas.Default.Muscles.Where(m => m.Complaints.Contains("tennis-elbow-like")).Select(m => m.Id).ToHashSet();

        var without = engine.Analyse(new ReferralQuery(pain), take: 300).Candidates;
        var with = engine.Analyse(new ReferralQuery(pain, ["Tennis elbow"]), take: 300).Candidates;

        var nudged = without.Where(c => tennis.Contains(c.Muscle.Id)).ToList();
        Assert.NotEmpty(nudged);
        Assert.All(nudged, c => Assert.True(with.Single(w => w.Muscle.Id == c.Muscle.Id && w.Side == c.Side).Score > c.Score, c.Muscle.Id));
    }

    [Fact]
    public void Every_term_is_claimed_once_and_every_complaint_it_names_is_in_the_atlas()
    {
        var complaints = Atlas.Default.Muscles.SelectMany(m => m.Complaints).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(TermReader.Collisions);
        Assert.Equal(Vocabulary.Terms.Count, Vocabulary.Terms.Select(t => t.Id).Distinct().Count());
        Assert.All(Vocabulary.Terms.SelectMany(t => t.Complaints), c => Assert.Contains(c, complaints));
        Assert.All(Vocabulary.Conditions, c => Assert.Equal([c.Id], c.Complaints));
        Assert.All(Vocabulary.Terms, t => Assert.Equal(t.Id, Vocabulary.FindSymptom(t.Id)?.Id));
        Assert.All(Vocabulary.Terms, t => Assert.All(t.Synonyms, s => Assert.Equal(t.Id, Vocabulary.FindSymptom(s)?.Id)));
    }

    [Fact]
    public void Every_complaint_of_the_atlas_can_be_named_in_words()
    {
        // Breathlessness is a red flag: it changes the advice and on purpose nudges no muscle.
        var named = Vocabulary.Terms.SelectMany(t => t.Complaints).ToHashSet(StringComparer.Ordinal);

        var unnamed = Atlas.Default.Muscles.SelectMany(m => m.Complaints).Distinct().Where(c => !named.Contains(c)).Order().ToList();

        Assert.Equal(["shortness-of-breath"], unnamed);
    }

    [Fact]
    public void Any_text_at_all_is_read_without_throwing_and_only_echoes_what_was_typed()
    {
        Gen.String[0, 300].Array[0, 6].Sample(texts =>
        {
            var terms = Vocabulary.Recognise(texts);

            var known = Vocabulary.Terms.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
            Assert.All(terms.Ids, id => Assert.Contains(id, known));
            Assert.All(terms.Terms, t => Assert.Contains(texts, x => x.Contains(t.Text, StringComparison.Ordinal)));
            Assert.All(terms.Ignored, i => Assert.Contains(texts, x => x.Contains(i.TrimEnd('…'), StringComparison.Ordinal)));
            Assert.True(terms.Ignored.Count <= 20);
            _ = Vocabulary.FindSymptom(string.Concat(texts));
        }, iter: 2000);
    }

    [Fact]
    public void Words_made_of_the_vocabulary_and_filler_in_any_mix_never_throw()
    {
        var words = Vocabulary.Terms.SelectMany(t => t.Synonyms.Prepend(t.Id)).Concat(["no", "not", "but", "and", ",", ";", "-", "'", "pain", "my", "  "]).ToArray();
        Gen.OneOf(words).Array[0, 25].Select(parts => string.Join(' ', parts)).Sample(text =>
        {
            var terms = Vocabulary.Recognise([text, null, ""]);

            Assert.All(terms.Terms, t => Assert.Contains(t.Text, text, StringComparison.Ordinal));
        }, iter: 2000);
    }

    [Fact]
    public void Any_symptom_text_within_the_limits_gives_an_answer()
    {
        var engine = new ReferralEngine(Atlas.Default);
        Gen.String[0, 200].Array[0, 8].Sample(texts =>
        {
            var query = new ReferralQuery([new("temple-left", 5)], texts);

            Assert.Empty(query.Validate(Atlas.Default));
            Assert.NotEmpty(engine.Analyse(query).Candidates);
        }, iter: 300);
    }
}
