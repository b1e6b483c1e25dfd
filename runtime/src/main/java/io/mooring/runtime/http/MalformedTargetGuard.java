package io.mooring.runtime.http;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.json.JsonMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Holds the request target to {@link InputPolicyFilter}'s rules where the server has not yet parsed
 * it: a target that does not parse as a URI (a malformed escape such as {@code %zz}) is replaced by
 * {@code /} before any filter runs, so only a handler right after Netty's HTTP codec can see it. It
 * answers a 400 problem naming {@code path} or the query parameter, and closes the connection.
 */
@Singleton
class MalformedTargetGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private static final String NAME = "mooring-request-target";
    private final BeanProvider<JsonMapper> json;

    MalformedTargetGuard(BeanProvider<JsonMapper> json) {
        this.json = json;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, NAME, new Guard());
            }
        }
    }

    private final class Guard extends ChannelInboundHandlerAdapter {
        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused) {
                // the rest of a refused request, and anything after it on this connection
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request) {
                String target = InputPolicyFilter.originForm(request.uri());
                try {
                    InputPolicyFilter.checkTarget(target);
                } catch (ProblemException e) {
                    refused = true;
                    ReferenceCountUtil.release(msg);
                    int question = target.indexOf('?');
                    ctx.writeAndFlush(answer(e, Text.shown(question < 0 ? target : target.substring(0, question))))
                            .addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        private FullHttpResponse answer(ProblemException e, String instance) {
            byte[] body;
            try {
                body = json.get().writeValueAsBytes(e.toProblem(instance));
            } catch (IOException failed) {
                body = ("{\"type\":\"" + Problem.type("validation") + "\",\"status\":400}").getBytes();
            }
            FullHttpResponse response = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(e.status().getCode()), Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return response;
        }
    }
}
