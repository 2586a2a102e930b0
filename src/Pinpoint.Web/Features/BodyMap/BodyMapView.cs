using Pinpoint.Core.Anatomy;

namespace Pinpoint.Web.Features.BodyMap;

/// <summary>One view of the body map to render: which regions are drawn, and which are selected.</summary>
public sealed record BodyMapView(Atlas Atlas, BodyMapShapes Shapes, BodyView View, IReadOnlySet<string> Selected)
{
    public string ViewName => View == BodyView.Front ? "front" : "back";

    public IEnumerable<BodyRegion> Regions => Atlas.Regions.Where(r => r.View == View && Shapes.Regions.ContainsKey(r.Id));

    /// <summary>
    /// Which edge of the drawing shows the person's left: on the front view we face them, so their left is on our
    /// right; on the back view it is on our left.
    /// </summary>
    public bool LeftIsOnTheRight => View == BodyView.Front;
}

/// <summary>The whole pain map panel: both views, the view toggle, the key, find-by-name and the no-script list.</summary>
public sealed record PainMapView(Atlas Atlas, BodyMapShapes Shapes, IReadOnlySet<string> Selected);
