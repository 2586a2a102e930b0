using System.Collections.Frozen;

namespace Pinpoint.Core.Referral;

/// <summary>
/// Reads the words people type against the vocabulary. Text is cut into parts at commas, semicolons, full stops,
/// slashes, brackets and line breaks; each part into words, lower-cased, with hyphens and underscores as spaces,
/// apostrophes dropped ("golfer's" → "golfers") and one plural s taken off, the same way for the vocabulary and for
/// the input. Within a part the longest known phrase wins ("tennis elbow" before "elbow"); "no", "not" and
/// "without" mark the terms right after them as absent until a word we do not know or a "but". Filler words ("my",
/// "pain", "like") are skipped. A part with no term at all is ignored whole; otherwise each run of unknown words is.
/// A part with no letters or digits at all (an emoji, a dash) is dropped.
/// Linear in the length of the text; never throws.
/// </summary>
internal static class TermReader
{
    /// <summary>At most this many ignored parts are reported.</summary>
    public const int MaxIgnored = 20;

    /// <summary>An ignored part is echoed back cut to this many characters.</summary>
    public const int MaxIgnoredLength = 80;

    private static readonly char[] PieceSeparators = [',', ';', '.', '/', '\\', '|', '!', '?', '(', ')', '[', ']', '{', '}', ':', '\n', '\r', '•'];

    private static readonly FrozenSet<string> Stopwords = Normalised(
        "a", "an", "the", "and", "or", "with", "in", "on", "at", "of", "to", "from", "into", "over", "my", "me", "i", "im", "ive",
        "it", "its", "is", "are", "was", "be", "been", "have", "has", "had", "got", "get", "getting", "feel", "feels", "feeling",
        "felt", "like", "type", "kind", "sort", "some", "very", "really", "quite", "bit", "little", "lot", "lots", "much", "more",
        "also", "sometimes", "often", "always", "constant", "constantly", "pain", "pains", "painful", "hurt", "hurts", "hurting",
        "area", "any", "all", "too", "as", "etc", "maybe", "possibly", "probably", "something", "similar", "ish");

    private static readonly FrozenSet<string> Negators = Normalised(
        "no", "not", "without", "never", "none", "nor", "dont", "doesnt", "didnt", "isnt", "arent", "havent", "hasnt", "wasnt");

    private static readonly FrozenSet<string> NegationEnds = Normalised("but", "though", "although", "however", "except", "yet");

    private static readonly Table Known = Table.Build(Vocabulary.Terms);

    /// <summary>Phrases two different terms claim (the first one listed wins); the vocabulary's tests keep this empty.</summary>
    internal static IReadOnlyList<string> Collisions => Known.Collisions;

    public static Symptom? Find(string text)
    {
        var words = Pieces(text).SelectMany(p => p.Tokens).Select(t => t.Word).ToList();
        return words.Count == 0 ? null : Known.Phrases.GetValueOrDefault(string.Join(' ', words));
    }

    public static RecognisedTerms Read(IEnumerable<string?>? texts)
    {
        var terms = new List<RecognisedTerm>();
        var ignored = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Ignore(string text)
        {
            text = text.Trim();
            if (text.Length == 0 || ignored.Count >= MaxIgnored)
            {
                return;
            }

            text = text.Length <= MaxIgnoredLength ? text : text[..MaxIgnoredLength].TrimEnd() + "…";
            if (seen.Add(text))
            {
                ignored.Add(text);
            }
        }

        foreach (var text in texts ?? [])
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            foreach (var piece in Pieces(text))
            {
                ReadPiece(text, piece, terms, Ignore);
            }
        }

        return terms.Count == 0 && ignored.Count == 0 ? RecognisedTerms.None : new RecognisedTerms(terms, ignored);
    }

    private static void ReadPiece(string text, Piece piece, List<RecognisedTerm> terms, Action<string> ignore)
    {
        var tokens = piece.Tokens;
        if (tokens.Count == 0)
        {
            return;
        }

        var found = false;
        var negating = false;
        var runs = new List<string>();
        int runStart = -1, runEnd = -1;
        void EndRun()
        {
            if (runStart >= 0)
            {
                runs.Add(text[runStart..runEnd]);
                runStart = runEnd = -1;
            }
        }

        for (var i = 0; i < tokens.Count;)
        {
            if (Known.Match(tokens, i) is { } match)
            {
                EndRun();
                terms.Add(new RecognisedTerm(text[tokens[i].Start..tokens[i + match.Words - 1].End], match.Term, negating));
                found = true;
                i += match.Words;
                continue;
            }

            var word = tokens[i].Word;
            if (Negators.Contains(word) || NegationEnds.Contains(word))
            {
                EndRun();
                negating = Negators.Contains(word);
            }
            else if (!Stopwords.Contains(word))
            {
                runStart = runStart < 0 ? tokens[i].Start : runStart;
                runEnd = tokens[i].End;
                negating = false;
            }

            i++;
        }

        EndRun();
        if (!found)
        {
            ignore(text[piece.Start..piece.End]);
            return;
        }

        foreach (var run in runs)
        {
            ignore(run);
        }
    }

    private readonly record struct Token(string Word, int Start, int End);

    private sealed record Piece(int Start, int End, List<Token> Tokens);

    private static List<Piece> Pieces(string text)
    {
        var pieces = new List<Piece>();
        var tokens = new List<Token>();
        var pieceStart = 0;
        var word = new System.Text.StringBuilder();
        int wordStart = -1, wordEnd = -1;
        void EndWord()
        {
            if (word.Length > 0)
            {
                tokens.Add(new Token(Normalise(word.ToString()), wordStart, wordEnd));
            }

            word.Clear();
            wordStart = wordEnd = -1;
        }

        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\n';
            if (char.IsLetterOrDigit(c))
            {
                wordStart = wordStart < 0 ? i : wordStart;
                wordEnd = i + 1;
                word.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '’' or '‘' or '`' or 'ʼ' && word.Length > 0)
            {
                // golfer's → golfers: an apostrophe inside a word is no break.
            }
            else if (c == '&')
            {
                EndWord();
                tokens.Add(new Token("and", i, i + 1));
            }
            else
            {
                EndWord();
                if (Array.IndexOf(PieceSeparators, c) >= 0)
                {
                    pieces.Add(new Piece(pieceStart, Math.Min(i, text.Length), tokens));
                    tokens = [];
                    pieceStart = Math.Min(i + 1, text.Length);
                }
            }
        }

        return pieces;
    }

    // One plural s off, the same for the vocabulary and the input: cramps → cramp, pins → pin ("tennis" → "tenni" on both sides).
    private static string Normalise(string word) =>
        word.Length > 3 && word[^1] == 's' && word[^2] != 's' ? word[..^1] : word;

    private static FrozenSet<string> Normalised(params string[] words) =>
        words.Select(Normalise).ToFrozenSet(StringComparer.Ordinal);

    private sealed record Table(FrozenDictionary<string, Symptom> Phrases, int MaxWords, IReadOnlyList<string> Collisions)
    {
        public static Table Build(IEnumerable<Symptom> terms)
        {
            var phrases = new Dictionary<string, Symptom>(StringComparer.Ordinal);
            var collisions = new List<string>();
            foreach (var term in terms)
            {
                foreach (var phrase in term.Synonyms.Prepend(term.Label).Prepend(term.Id))
                {
                    var words = Pieces(phrase).SelectMany(p => p.Tokens).Select(t => t.Word).ToList();
                    if (words.Count == 0)
                    {
                        continue;
                    }

                    var key = string.Join(' ', words);
                    if (!phrases.TryAdd(key, term) && phrases[key].Id != term.Id)
                    {
                        collisions.Add($"'{phrase}' is claimed by both {phrases[key].Id} and {term.Id}");
                    }
                }
            }

            return new Table(phrases.ToFrozenDictionary(StringComparer.Ordinal), phrases.Keys.Max(k => k.Count(c => c == ' ') + 1), collisions);
        }

        public (Symptom Term, int Words)? Match(List<Token> tokens, int start)
        {
            for (var length = Math.Min(MaxWords, tokens.Count - start); length > 0; length--)
            {
                var key = string.Join(' ', tokens.GetRange(start, length).Select(t => t.Word));
                if (Phrases.TryGetValue(key, out var term))
                {
                    return (term, length);
                }
            }

            return null;
        }
    }
}
